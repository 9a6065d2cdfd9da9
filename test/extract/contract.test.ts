import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';

const SHARED = join(import.meta.dirname, '../../../shared');
const SCHEMA = join(SHARED, 'contract/event-record.schema.json');
const DEV = join(SHARED, 'eval/dev');
const present = existsSync(SCHEMA);
if (!present) console.log('[extract contract] ../shared/contract is absent: schema test skipped');

// Our own report-like sentences, one event type each and some tallies.
const OWN = [
  'On the night of October 11, unknown persons set fire to the military enlistment office in Uryupinsk, Volgograd region, a local channel reports.',
  'Since the start of the war, more than 19,000 people have been detained for their anti-war stance, the monitors say.',
  'According to the monitors, 16 people were detained in Novosibirsk and 8 in Tomsk on March 6.',
  'The Ukrainian side claim that about 300 Russian marines refused to take part in the assault.',
  'Criminal cases have been opened under several articles — 7 under Article 207.3, 4 under Article 280.3, and 2 on charges of vandalism.',
].join('\n\n');

describe.skipIf(!present)('records match the contract schema', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = present ? ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8'))) : null;
  const check = (text: string, published: string): void => {
    const { records } = extract(text, { published });
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      const ok = validate!(r);
      expect(ok, JSON.stringify(validate!.errors)).toBe(true);
      expect(text.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.text);
    }
  };
  it('on our own sentences', () => check(OWN, '2022-10-20'));
  it.skipIf(!existsSync(DEV))('on the dev documents', () => {
    for (const f of readdirSync(DEV).filter((n) => n.endsWith('.txt'))) {
      const gold = JSON.parse(readFileSync(join(DEV, f.replace(/\.txt$/, '.gold.json')), 'utf8')) as { published: string };
      check(readFileSync(join(DEV, f), 'utf8'), gold.published);
    }
  });
});
