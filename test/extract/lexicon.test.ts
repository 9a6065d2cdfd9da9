import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDataDir } from '../../src/extract/datafiles.js';
import { EXTRACTOR_VERSION } from '../../src/extract/index.js';
import { compileLexicon, LexiconError } from '../../src/extract/lexicon.js';

const dir = extractDataDir();
const base = (): Record<string, unknown> => JSON.parse(readFileSync(`${dir}lexicon.en.json`, 'utf8')) as Record<string, unknown>;

describe('lexicon files', () => {
  for (const f of readdirSync(dir).filter((n) => /^lexicon\.[a-z]{2}\.json$/.test(n))) {
    it(`${f} compiles`, () => {
      const lex = compileLexicon(JSON.parse(readFileSync(dir + f, 'utf8')), f, { eager: true });
      expect(lex.triggerDefs.length).toBeGreaterThan(20);
    });
  }
  it('names the entry at fault', () => {
    const raw = base();
    (raw.triggers as Record<string, unknown[]>).arson!.push('set (fire');
    expect(() => compileLexicon(raw, 'x.json', { eager: true })).toThrow(/x\.json: triggers\.arson\[\d+\]: bad pattern/);
    // A pattern that balances but does not compile is named when a text first reaches it (patterns
    // compile lazily by default) or at once with { eager: true }.
    const raw2 = base();
    (raw2.triggers as Record<string, unknown[]>).arson!.push('qqfire{2,1}');
    expect(() => compileLexicon(raw2, 'y.json', { eager: true })).toThrow(/y\.json: triggers\.arson\[\d+\]: bad pattern/);
    const lazy = compileLexicon(raw2, 'y.json');
    expect(() => lazy.triggers.first('They qqfire it.')).toThrow(/y\.json: triggers\.arson\[\d+\]: bad pattern/);
  });
  it('rejects unknown types, measures and capturing groups', () => {
    const a = base();
    (a.triggers as Record<string, unknown>).riot = ['riot'];
    expect(() => compileLexicon(a)).toThrow(LexiconError);
    const b = base();
    (b.triggers as Record<string, unknown[]>).protest!.push({ re: 'sit-in', measure: 'crowds' });
    expect(() => compileLexicon(b)).toThrow(/unknown measure/);
    const c = base();
    (c.triggers as Record<string, unknown[]>).protest!.push('(sit)-in');
    expect(() => compileLexicon(c)).toThrow(/capturing group/);
  });
  it('a new trigger in the data file is picked up without code', () => {
    const raw = base();
    (raw.triggers as Record<string, unknown[]>).protest!.push('staged a sit-in');
    const lex = compileLexicon(raw);
    expect(lex.triggers.first('Students staged a sit-in at the university.')?.text).toBe('staged a sit-in');
  });
  it('EXTRACTOR_VERSION carries a hash of the data files', () => {
    expect(EXTRACTOR_VERSION).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{10}$/);
  });
});

describe('a minimal lexicon', () => {
  it('needs only lang, version and triggers', () => {
    const lex = compileLexicon({ lang: 'en', version: '0', triggers: { protest: ['staged a sit-in'] } });
    expect(lex.triggers.first('Students staged a sit-in.')).not.toBeNull();
  });
});
