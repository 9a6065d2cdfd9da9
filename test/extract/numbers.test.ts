import { describe, expect, it } from 'vitest';
import { en } from '../../src/extract/lang/en.js';
import { getLexicon } from '../../src/extract/lexicon.js';

const lex = getLexicon('en')!;
const nums = (s: string) => en.findQuantities(s, 0, lex).map((q) => ({ value: q.value, qualifier: q.qualifier, form: q.form, category: q.category, vague: q.vague }));

describe('English numbers', () => {
  it('reads digits with separators and qualifiers', () => {
    expect(nums('more than 6,440 people')).toEqual([{ value: 6440, qualifier: 'more_than', form: 'noun', category: 'people', vague: false }]);
    expect(nums('about 15,000 Russians')[0]).toMatchObject({ value: 15000, qualifier: 'about', category: 'people' });
    expect(nums('at least 35 settlements')[0]).toMatchObject({ value: 35, qualifier: 'at_least', category: 'places' });
    expect(nums('as many as 300,000 have left')[0]).toMatchObject({ value: 300000, qualifier: 'up_to', form: 'elliptical' });
    expect(nums('over 1.5 million')[0]).toMatchObject({ value: 1500000, qualifier: 'more_than' });
  });
  it('reads number words', () => {
    expect(nums('sixty paratroopers')[0]).toMatchObject({ value: 60, category: 'soldiers' });
    expect(nums('twenty-five soldiers')[0]).toMatchObject({ value: 25 });
    expect(nums('two hundred people')[0]).toMatchObject({ value: 200 });
    expect(nums('a dozen servicemen')[0]).toMatchObject({ value: 12, qualifier: 'about', category: 'soldiers' });
    expect(nums('Nine of them are')[0]).toMatchObject({ value: 9, form: 'partitive' });
  });
  it('keeps vague quantities apart', () => {
    expect(nums('hundreds of men')[0]).toMatchObject({ value: 100, vague: true, qualifier: 'at_least', category: 'people' });
    expect(nums('several dozen mobilised men')[0]).toMatchObject({ vague: true });
  });
  it('skips what is not a count', () => {
    expect(nums('up to 15 years in prison')).toEqual([]);
    expect(nums('fined 30,000 rubles')).toEqual([]);
    expect(nums('under Article 207.3 and Part 2')).toEqual([]);
    expect(nums('men aged 18 to 60')).toEqual([]);
    expect(nums('the 155th Brigade')).toEqual([]);
    expect(nums('in 2014 and 2015')).toEqual([]);
    expect(nums('for 2–3 weeks')).toEqual([]);
    expect(nums('Bill No. 7171')).toEqual([]);
    expect(nums('at 10:30 in the morning')).toEqual([]);
  });
});
