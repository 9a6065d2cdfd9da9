// Report-like English text for the extraction benchmark: documents composed from sentence templates
// (events of every codebook type, tallies, filler, boilerplate) with a seeded PRNG, so every run
// sees the same corpus. Exports a generator; run directly to write a sample to stdout:
//   node bench/generate-reports.mjs [MEGABYTES]
const CITIES = ['Moscow', 'St Petersburg', 'Kazan', 'Ufa', 'Yekaterinburg', 'Novosibirsk', 'Tomsk', 'Irkutsk', 'Krasnodar', 'Voronezh', 'Belgorod',
  'Ryazan', 'Tula', 'Perm', 'Samara', 'Saratov', 'Volgograd', 'Omsk', 'Khabarovsk', 'Vladivostok', 'Kaliningrad', 'Pskov', 'Tver', 'Kursk',
  'Izhevsk', 'Cheboksary', 'Yakutsk', 'Ulan-Ude', 'Makhachkala', 'Nalchik', 'Kharkiv', 'Kherson', 'Melitopol', 'Mariupol', 'Minsk', 'Gomel', 'Brest'];
const REGIONS = ['the Belgorod region', 'the Kursk region', 'Dagestan', 'Buryatia', 'Bashkortostan', 'the Leningrad region', 'Crimea', 'the Zaporizhzhia region', 'Tatarstan', 'the Irkutsk region'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SOURCES = ['OVD-Info', 'Mediazona', 'Novaya Gazeta', 'the BBC Russian service', 'Meduza', 'a local Telegram channel', 'human rights activists', 'the regional police'];
const GROUPS = ['BOAK', 'the Rail Partisans', 'Feminist Anti-War Resistance', 'Stop the Wagons', 'the Freedom of Russia Legion'];
const NUMWORDS = ['two', 'three', 'five', 'a dozen', 'sixty', 'twelve', 'forty'];

/** Mulberry32: small, fast, seeded. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = [
  (p) => `On ${p.date}, about ${p.n(2000)} people protested in ${p.city} against the mobilisation, ${p.source} reports.`,
  (p) => `Police detained at least ${p.n(300)} people at a rally in ${p.city} on ${p.date}, according to ${p.source}.`,
  (p) => `On the night of ${p.date}, unknown persons set fire to the military enlistment office in ${p.city}.`,
  (p) => `${p.Group} claimed responsibility for the derailment of a freight train near ${p.city} on ${p.date}.`,
  (p) => `Graffiti reading "No to war" appeared on the administration building in ${p.city} on ${p.date}.`,
  (p) => `Activists hung anti-war posters and stickers in ${p.city} in early ${p.month}.`,
  (p) => `${p.Num} soldiers from ${p.region} refused to return to the front, a lawyer told ${p.source}.`,
  (p) => `A conscript from ${p.city} deserted from his unit in ${p.region} in ${p.month}.`,
  (p) => `On ${p.date}, ${p.n(40)} men were stopped while trying to cross the border illegally near ${p.city}.`,
  (p) => `A man set himself on fire outside the enlistment office in ${p.city} on ${p.date}.`,
  (p) => `On ${p.date} residents of ${p.city} blocked a column of military trucks and demanded that the troops leave.`,
  (p) => `A court in ${p.city} fined a local activist 30,000 roubles for "discrediting" the army on ${p.date}.`,
  (p) => `Since the start of the war, more than ${p.n(20000)} people have been detained for anti-war protests, ${p.source} says.`,
  (p) => `By ${p.date}, ${p.source} had counted ${p.n(80)} arson attacks on enlistment offices across the country.`,
  (p) => `The State Duma passed a bill introducing prison terms of up to 10 years for voluntary surrender on ${p.date}.`,
  (p) => `In ${p.city}, men were handed summonses at metro stations on ${p.date}.`,
  (p) => `On ${p.date}, a young man shot the military commissar at the enlistment office in ${p.city}.`,
  (p) => `Mobilised soldiers mutinied at a training ground near ${p.city} on ${p.date}, refusing orders.`,
  (p) => `By ${p.date} the courts in ${p.city} had heard ${p.n(900)} cases: ${p.n(500)} people were fined and ${p.n(90)} were sentenced to community work.`,
  (p) => `According to ${p.source}, ${p.n(30)} people were detained in ${p.city} and ${p.n(20)} in ${p.city2}.`,
];
const FILLER = [
  (p) => `The situation in ${p.city} remains tense, and many residents say they are afraid to speak openly.`,
  (p) => `Experts interviewed by ${p.source} believe that the authorities will continue to tighten control over the internet.`,
  () => 'The economic consequences of the sanctions are felt in every household, from prices in shops to salaries.',
  () => 'Most people we spoke to asked not to be named.',
  (p) => `The regional governor did not respond to a request for comment on the events in ${p.city}.`,
  () => 'Such stories are difficult to verify, but they are consistent with other reports from the region.',
  () => 'Why do some people resist while others stay silent?',
  (p) => `In ${p.month}, the local newspaper published a long interview with the mayor about road repairs.`,
];
const BOILER = ['Related Articles\n\nProtests spread to new cities\n\nWhat the mobilisation means for families', 'Share this article', 'Leave a Reply\n\nGreat reporting, thank you!', 'Support independent journalism: donate today.'];

/** Yields documents { text, published } until `bytes` characters have been produced. */
export function* generateReports(bytes, seed = 42) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  let produced = 0;
  while (produced < bytes) {
    const year = 2022 + Math.floor(r() * 2);
    const pubMonth = 3 + Math.floor(r() * 9);
    const published = `${year}-${String(pubMonth).padStart(2, '0')}-${String(1 + Math.floor(r() * 27)).padStart(2, '0')}`;
    const p = {
      get city() { return pick(CITIES); }, get city2() { return pick(CITIES); }, get region() { return pick(REGIONS); },
      get month() { return MONTHS[Math.floor(r() * pubMonth)]; },
      get date() { return `${1 + Math.floor(r() * 27)} ${MONTHS[Math.floor(r() * pubMonth)]}`; },
      get source() { return pick(SOURCES); }, get Group() { return pick(GROUPS); }, get Num() { const w = pick(NUMWORDS); return w[0].toUpperCase() + w.slice(1); },
      n: (max) => (1 + Math.floor(r() * max)).toLocaleString('en-US'),
    };
    const paras = [`${pick(['Protests', 'Arson', 'Resistance', 'Repression'])} in ${p.city}: a weekly review`];
    const np = 3 + Math.floor(r() * 5);
    for (let i = 0; i < np; i++) {
      const ns = 2 + Math.floor(r() * 4);
      const sents = [];
      for (let j = 0; j < ns; j++) sents.push(r() < 0.55 ? pick(TEMPLATES)(p) : pick(FILLER)(p));
      paras.push(sents.join(' '));
    }
    if (r() < 0.5) paras.push(pick(BOILER));
    const text = paras.join('\n\n');
    produced += text.length;
    yield { text, published };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mb = Number(process.argv[2] ?? 0.01);
  for (const d of generateReports(mb * 1e6)) process.stdout.write(`# published ${d.published}\n${d.text}\n\n`);
}
