import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { detectLanguage } from '../../src/extract/lang.js';

// Pieces of report language mixed with arbitrary Unicode, so the engine's paths actually run.
const WORDS = ['police', 'detained', '15,000', 'people', 'in', 'Moscow', 'on', 'March 6', 'set fire to', 'the enlistment office',
  'since the start of the war', 'more than', 'refused to fight', '.', ',', '—', '\n\n', 'According to', 'OVD-Info', 'between 24th and 28th of February',
  'nine of them', 'were fined', 'Related Articles', '?', '“', '”', 'Kharkiv', 'Задержаны', 'Мариуполь', '2022'];

const reportish = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 80 })
  .map((parts) => parts.join(' '));

describe('extraction never throws and its evidence always points into the text', () => {
  it('on arbitrary Unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.option(fc.constantFrom('2022-04-01', '2023-01-15', 'garbage')), (text, published) => {
      const { records } = extract(text, { published, lang: 'en' });
      for (const r of records) expect(text.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.text);
      detectLanguage(text);
    }), { numRuns: 300 });
  });
  it('on report-like text', () => {
    fc.assert(fc.property(reportish, (text) => {
      const { records } = extract(text, { published: '2022-10-20', lang: 'en' });
      for (const r of records) {
        expect(r.evidence.start).toBeGreaterThanOrEqual(0);
        expect(r.evidence.end).toBeLessThanOrEqual(text.length);
        expect(r.evidence.start).toBeLessThan(r.evidence.end);
        expect(text.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.text);
        if (r.kind === 'tally') expect(typeof r.value).toBe('number');
        for (const v of Object.values(r.counts)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      }
    }), { numRuns: 400 });
  });
});
