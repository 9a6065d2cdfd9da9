import { describe, expect, it } from 'vitest';
import { getLexicon } from '../../src/extract/lexicon.js';
import { clauses, segment } from '../../src/extract/segment.js';

const lex = getLexicon('en')!;
const sents = (t: string) => segment(t, lex).map((s) => t.slice(s.start, s.end));

describe('segmentation', () => {
  it('splits sentences but not abbreviations, initials or numbers', () => {
    expect(sents('Police came to St. Petersburg at 10 a.m. on Sunday. Mr. Ivanov left. He paid 1.5 million. A. B. Smith said no.'))
      .toEqual(['Police came to St. Petersburg at 10 a.m. on Sunday.', 'Mr. Ivanov left.', 'He paid 1.5 million.', 'A. B. Smith said no.']);
  });
  it('splits after closing quotes and ellipses', () => {
    expect(sents('He said: ‘We will not go.’ Then he left… Nobody followed.')).toEqual(['He said: ‘We will not go.’', 'Then he left…', 'Nobody followed.']);
  });
  it('marks headings, paragraphs and questions', () => {
    const t = 'Protests in Kazan\n\nOn May 3 people gathered. They chanted.\n\nWhy did they come?';
    const s = segment(t, lex);
    expect(s.map((x) => [x.para, x.idx, x.heading, x.question])).toEqual([[0, 0, true, false], [1, 0, false, false], [1, 1, false, false], [2, 0, false, true]]);
  });
  it('cuts site furniture in the second half', () => {
    const t = `${'Body text of the report. '.repeat(8)}\n\nLeave a Reply\n\nGreat post, police detained me too.`;
    const s = segment(t, lex);
    expect(s.at(-1)!.boilerplate).toBe(true);
    expect(s[0]!.boilerplate).toBe(false);
  });
  it('joins hard-wrapped lines of one paragraph', () => {
    const s = segment('On May 3 the police detained\nforty people in Kazan.', lex);
    expect(s).toHaveLength(1);
  });
  it('splits clauses at semicolons, colons, dashes and commas, not inside numbers', () => {
    const t = 'By May 2 courts heard 3,710 cases: 861 were fined, 2,456 were charged — and 12 left';
    expect(clauses(t, 0, t.length).map((c) => t.slice(c.start, c.end))).toEqual(['By May 2 courts heard 3,710 cases', '861 were fined', '2,456 were charged', 'and 12 left']);
  });
});

describe('list items', () => {
  it('are text, not headings', () => {
    const t = 'Detentions on Sunday:\n• In Kazan police detained 12 people at a rally\n• In Ufa 7 people were detained';
    expect(segment(t, lex).map((s) => s.heading)).toEqual([false, false, false]);
  });
});
