import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getLexicon } from '../../src/extract/lexicon.js';
import { foldChar, foldString, LazyPattern, literalPrefixes, WordScanner, type ScanHit } from '../../src/extract/scan.js';

/** What the engine did before the scanner: one combined regex walked with exec. */
function viaCombined(re: RegExp, text: string): ScanHit[] {
  const out: ScanHit[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    let group = 0;
    for (let i = 1; i < m.length; i++) if (m[i] !== undefined) { group = i - 1; break; }
    out.push({ index: m.index, text: m[0], group });
  }
  return out;
}

describe('literal prefixes of a pattern', () => {
  it('reads alternatives, classes and optional parts, and stops at non-literal pieces', () => {
    expect(literalPrefixes('сж[её]г')?.sort()).toEqual(['сжег', 'сжёг']);
    expect(literalPrefixes('(?:set|put) fire\\p{L}*')?.sort()).toEqual(['put fire', 'set fire'].map((s) => s.slice(0, 10)).sort());
    expect(literalPrefixes('(?:anti-?war )?rall(?:y|ies)')?.sort()).toEqual(['anti-war r', 'antiwar ra', 'rally', 'rallies'].sort());
    expect(literalPrefixes('Police\\s+detained')).toEqual(['police']);
    expect(literalPrefixes('x*rally')?.sort()).toEqual(['rally', 'x']);
  });
  it('gives up (null) when a match may start with anything', () => {
    expect(literalPrefixes('\\p{L}+ detained')).toBeNull();
    expect(literalPrefixes('(?:the )?\\S+ rally')).toBeNull();
    expect(literalPrefixes('set (fire')).toBeNull();
  });
});

describe('case folding agrees with the iu flags', () => {
  it('on the letters that fold to Latin and Cyrillic ones', () => {
    for (const [odd, plain] of [['ſ', 's'], ['K', 'k'], ['ᲀ', 'в'], ['Ё', 'ё'], ['Ї', 'ї']] as const) {
      expect(new RegExp(plain, 'iu').test(odd)).toBe(true);
      expect(foldChar(odd)).toBe(foldChar(plain));
    }
  });
  it('foldString agrees with folding one character at a time, on every BMP character', () => {
    let all = '';
    for (let c = 0; c < 0x10000; c++) all += String.fromCharCode(c);
    let slow = '';
    for (const ch of all.split('')) slow += foldChar(ch);
    expect(foldString(all)).toBe(slow);
    // Word-final Σ is lower-cased by context in a whole string: not here.
    expect(foldString('ΟΔΟΣ ')).toBe('οδοσ ');
    for (let c = 0; c < 0x10000; c += 97) {
      const s = `ab${String.fromCharCode(c)}Σ`;
      expect(foldString(s)).toBe(s.split('').map(foldChar).join(''));
    }
  });
});

describe('WordScanner finds exactly what the combined regex finds', () => {
  const entries = ['set fire to', 'set (?:a )?car on fire', 'detain\\p{L}*', 'сж[её]г\\p{L}*', 'арест\\p{L}*', '(?:anti-?war )?rall(?:y|ies)', 'rall\\p{L}+'];
  const scanner = new WordScanner(entries.map((src, group) => ({ src, group })), 'iu', entries.length);
  const pieces = ['set', 'fire', 'to', 'a', 'car', 'on', 'detained', 'Detain', 'сжёг', 'СЖЕГЛИ', 'арестовали', 'anti-war', 'antiwar',
    'rally', 'rallies', 'rallying', ' ', ' ', '.', '-', 'x', 'ſet', '\u{1D400}', 'в', '_'];
  it('on random mixtures of its words', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.array(fc.constantFrom(' ', '', '-'), { maxLength: 30 }), (words, seps) => {
      const text = words.map((w, i) => w + (seps[i] ?? ' ')).join('');
      scanner.combinedAfter = Infinity;
      const lazy = [...scanner.scan(text)];
      expect(lazy).toEqual(viaCombined(scanner.combined, text));
      // A long run switches to the combined regex: the same hits.
      scanner.combinedAfter = -1;
      expect([...scanner.scan(text)]).toEqual(lazy);
    }), { numRuns: 500 });
  });
  it('earlier entries win at a position, and hits do not overlap', () => {
    expect([...scanner.scan('They set fire to a car on fire; rallies, antiwar rally')].map((h) => [h.text, h.group])).toEqual([
      ['set fire to', 0], ['rallies', 5], ['antiwar rally', 5],
    ]);
  });
  it('compiles only the entries whose prefix occurs in the text', () => {
    const s = new WordScanner(entries.map((src, group) => ({ src, group })));
    expect([...s.scan('Police detained nine people.')].map((h) => h.text)).toEqual(['detained']);
    expect(s.compiled).toBe(1);
  });
});

describe('the lexicons through the scanner', () => {
  const samples: Record<string, string[]> = {
    en: ['Police detained 40 people at an anti-war rally in Omsk on Sunday.', 'Someone set fire to the enlistment office overnight; the court fined him.',
      'A soldier refused to fight and was sentenced to two years.'],
    ru: ['В Омске полиция задержала 40 человек на антивоенной акции.', 'Неизвестные подожгли военкомат, суд оштрафовал активистку.',
      'Солдат отказался воевать и был осуждён на два года.'],
    uk: ['У Мелітополі окупанти затримали двох людей на мітингу.', 'Невідомі підпалили будівлю військкомату, суд оштрафував активістку.'],
  };
  for (const [lang, texts] of Object.entries(samples)) {
    it(`${lang}: same hits as the combined alternation`, () => {
      const lex = getLexicon(lang as 'en' | 'ru' | 'uk')!;
      for (const t of [...texts, texts.join(' ').toUpperCase()]) {
        expect([...lex.triggers.scan(t)]).toEqual(viaCombined(lex.triggers.combined, t));
        expect([...lex.targets.scan(t)]).toEqual(viaCombined(lex.targets.combined, t));
      }
      expect([...lex.triggers.scan(texts[0]!)].length).toBeGreaterThan(0);
    });
  }
});

describe('LazyPattern', () => {
  it('answers like its regex, compiling it only when the text holds one of its literal prefixes', () => {
    let builds = 0;
    const inner = '(?:did not|never)\\s+';
    const p = new LazyPattern(inner, () => { builds++; return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${inner})$`, 'iu'); });
    expect(p.test('Police')).toBe(false);
    expect(builds).toBe(0);
    for (const t of ['They did not ', 'They NEVER ', 'They never went ', 'whatnever ']) {
      expect(p.test(t)).toBe(new RegExp(`(?<![\\p{L}\\p{N}_])(?:${inner})$`, 'iu').test(t));
    }
    expect(builds).toBe(1);
  });
});
