/**
 * Generated events for the API benchmarks: spread over 2022-2025, all types, every region, words of
 * very different frequencies in the searchable text. Built by SQL in the database, 50,000 rows at a time.
 * exec(sql, params) runs one statement (pg's pool.query or a store's Kysely).
 */
import { readFileSync } from 'node:fs';

// A separate hash of the row number per attribute, so no two attributes are correlated
// (a scan in date order must not find a search word only on a few days).
const h = (salt) => `(hashtext('${salt}' || g::text)::bigint & 2147483647)`;

export async function generateEvents(exec, N, onProgress) {
  const regions = JSON.parse(readFileSync(new URL('../src/extract/data/regions.json', import.meta.url), 'utf8')).regions.map((r) => r.code);
  // Words with very different frequencies, so searches range from rare to common.
  const words = ['военкомат', 'поджог', 'пикет', 'задержание', 'мобилизация', 'суд', 'штраф', 'листовка', 'граффити', 'рельсы',
    'protest', 'detained', 'arson', 'enlistment', 'office', 'railway', 'court', 'sentence', 'banner', 'strike'];
  const batch = 50_000;
  for (let done = 0; done < N; done += batch) {
    const n = Math.min(batch, N - done);
    await exec(`
      INSERT INTO events (kind, type, date_start, date_precision, country, region, settlement, counts, certainty, summary, search_text, status)
      SELECT CASE WHEN g % 50 = 0 THEN 'tally' ELSE 'incident' END,
             (ARRAY['protest','symbolic','arson','sabotage','armed_attack','refusal','mutiny','desertion','draft_evasion','self_harm',
                    'civil_resistance','detention','prosecution','legislation','mobilisation'])[1 + (${h('t')} % 15)::int],
             to_char(date '2022-02-24' + (${h('d')} % 1400)::int, 'YYYY-MM-DD'), 'day',
             split_part(reg, '-', 1), reg, 'Town ' || (hashint % 5000),
             jsonb_build_object('detained', hashint % 7),
             'reported', 'Generated event ' || g,
             'Generated event ' || g || ' ' || ($2::text[])[1 + (${h('w1')} % 10)::int] || ' ' || ($2::text[])[11 + (${h('w2')} % 10)::int] ||
               CASE WHEN ${h('w3')} % 200 = 0 THEN ' саботаж' ELSE '' END,
             CASE WHEN ${h('s')} % 10 = 0 THEN 'draft' ELSE 'published' END
      FROM (SELECT g, ${h('n')} AS hashint, ($3::text[])[1 + (${h('r')} % $4)::int] AS reg
            FROM generate_series($1::int + 1, $1::int + $5::int) g) s`,
      [done, words, regions, regions.length, n]);
    onProgress?.(done + n);
  }
}
