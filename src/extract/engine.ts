/**
 * The language-neutral extraction engine: triggers → events → records. It reads words only through
 * the compiled lexicon and grammar only through the language pack, so a new language needs a
 * lexicon file and a pack, never a change here (see README.md).
 */
import { bounds, normalisePublished } from './dates.js';
import type { CompiledLexicon, FilterDef, TriggerDef } from './lexicon.js';
import { foldString } from './scan.js';
import type { DateContext, DateMention, LanguagePack, Quantity } from './lang/types.js';
import { clauses, segment, type Clause, type Sentence } from './segment.js';
import type { Certainty, CountKey, DateSpan, EventRecord, EventType, ExtractOptions, Kind, Lang, Place, Qualifier } from './record.js';

/** What the engine needs from the place finder (src/extract/places.ts implements it). */
export interface PlaceLike {
  start: number;
  end: number;
  text: string;
  level: 'country' | 'region' | 'settlement';
  country: string;
  region: string | null;
  settlement: string | null;
  lat: number | null;
  lon: number | null;
  role: 'origin' | 'adjectival' | null;
}
export type PlaceFinder = (text: string, lang: Lang) => PlaceLike[];

interface Hit { start: number; end: number; def: TriggerDef; clause: Clause; quantity: Quantity | null }

interface Draft {
  type: EventType;
  kind: Kind;
  hits: Hit[];
  quantity: Quantity | null;
  measure: CountKey | null;
  breakdown: boolean;
  sentence: Sentence;
  evStart: number;
  evEnd: number;
  date: DateSpan;
  dateExplicit: boolean;
  place: Place;
  placeMention: PlaceLike | null;
  placeFromSentence: boolean;
  actors: string[];
  target: string | null;
  certainty: Certainty;
  attribution: string[];
  /** One place's share of the record before it (perPlaceCounts). */
  share?: boolean;
}

interface ParaState {
  para: number;
  drafts: Draft[];
  places: { p: PlaceLike; idx: number; destination: boolean }[];
  refDay: string | null;
  /** The sentence that set refDay. */
  refIdx: number;
  /** The last sentence whose dates were read. */
  datesIdx: number;
  /** The day the previous paragraph ended on: a paragraph's first sentence may go on from it. */
  prevRefDay: string | null;
  lastTallyIdx: number;
  /** The last record of the one or two paragraphs before (a short post's next paragraph continues its story). */
  carried: Draft | null;
}

/** Documents up to this length are posts (Telegram, short news): their paragraphs share context. */
const SHORT_POST = 1800;

const EMPTY_PLACE: Place = { country: null, region: null, settlement: null, lat: null, lon: null };

/** Runs the whole pipeline over one document. Pure: the same input always gives the same records. */
export function runEngine(text: string, opts: ExtractOptions, lex: CompiledLexicon, pack: LanguagePack, findPlaces: PlaceFinder | null): EventRecord[] {
  const published = normalisePublished(opts.published);
  const sentences = segment(text, lex);
  const hitsBySentence = scanTriggers(text, sentences, lex);
  if (hitsBySentence.size === 0) return [];

  // The chronicle is about the war: its start frames undated events in any text published since.
  const warStart = lex.warStart && (published !== null ? published >= lex.warStart : lex.warContext.test(text)) ? lex.warStart : null;
  let places: PlaceLike[] = [];
  if (findPlaces) {
    try {
      places = findPlaces(text, lex.lang).filter((p) => p.start >= 0 && p.end <= text.length).sort((a, b) => a.start - b.start)
        .map((p) => (institutionOf(p, text, lex) ? { ...p, role: null } : p));
    } catch {
      places = []; // a gazetteer failure must not lose the events
    }
  }
  const dest = destinations(places, text, lex);
  const route = routes(places, text);
  const topical = topics(places, sentences, hitsBySentence, text, lex);
  const docCountry = dominantCountry(places.filter((p) => !dest.has(p) && !topical.has(p)));
  const dateline = findDateline(text, sentences, places, published, warStart, lex, pack);

  const out: Draft[] = [];
  let st: ParaState | null = null;
  let pi = 0;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    if (!st || st.para !== s.para) {
      // A per-place share ("Moscow (502)") is part of the count before it, not where the story goes on.
      const last = lastWhole(out);
      // Only a short post's paragraphs continue one story; in an article, anchoring across
      // paragraphs would let every generic remark through.
      const carry = text.length <= SHORT_POST && last !== undefined && last.sentence.para >= s.para - 2;
      const prevRefDay: string | null = st && st.para === s.para - 1 ? st.refDay : null;
      st = { para: s.para, drafts: [], places: [], refDay: null, refIdx: -99, datesIdx: -99, prevRefDay, lastTallyIdx: -99, carried: carry ? last : null };
    }
    while (pi < places.length && places[pi]!.start < s.start) pi++;
    const sPlaces: PlaceLike[] = [];
    for (let k = pi; k < places.length && places[k]!.start < s.end; k++) sPlaces.push(places[k]!);
    const hits = hitsBySentence.get(si);
    const told = !s.heading && !s.boilerplate && !s.question;
    let produced = false;
    if (told && hits && !lex.genericSentence.test(text.slice(s.start, s.end))) {
      const drafts = processSentence(text, s, hits, sPlaces, st, { published, warStart, docCountry, dest, route, topical, dateline }, lex, pack);
      for (const d of drafts) {
        if (!mergeIntoPrevious(text, d, st, lex)) {
          st.drafts.push(d);
          out.push(d);
        }
        if (d.kind === 'tally') st.lastTallyIdx = s.idx;
        produced = true;
      }
    }
    // «Больше всего — в Петербурге (524) и Москве (502)»: places with bracketed counts right after a
    // counted record repeat it once per place.
    if (told && !produced) {
      for (const d of perPlaceCounts(text, s, sPlaces, st, route, topical)) {
        st.drafts.push(d);
        out.push(d);
        produced = true;
      }
    }
    // "Two days later, the same happened in Tomsk": the record just told, with this sentence's place and day.
    if (told && !produced && lex.repeatEvent.test(text.slice(s.start, s.end))) {
      const d = repeatEvent(text, s, sPlaces, st, { published, warStart, docCountry, dest, route, topical, dateline }, lex, pack);
      if (d) {
        st.drafts.push(d);
        out.push(d);
      }
    }
    // Towns listed as the scope of a wave ("from Kaliningrad to Vladivostok") locate no later sentence.
    const scope = scopeList(sPlaces, text);
    for (const p of sPlaces) {
      if (route.has(p) || topical.has(p)) continue;
      st.places.push({ p: scope.has(p) ? { ...p, level: 'country', region: null, settlement: null } : p, idx: s.idx, destination: dest.has(p) });
    }
    // "X claimed responsibility": X acted in the event just told.
    if (!hits && lex.responsibility && st.drafts.length && lex.responsibility.test(text.slice(s.start, s.end))) {
      const prev = st.drafts[st.drafts.length - 1]!;
      for (const a of findActors(text.slice(s.start, s.end), lex)) if (!prev.actors.includes(a)) prev.actors.push(a);
    }
    // A day told in a sentence without events still sets the paragraph's reference day.
    if (st.datesIdx !== s.idx && !s.boilerplate && /\d/.test(text.slice(s.start, s.end))) {
      const ds = pack.findDates(text.slice(s.start, s.end), s.start, { published, ref: st.refDay ?? published, warStart, story: st.refDay ?? st.prevRefDay }, lex);
      for (const d of ds) if (d.explicitDay && !d.relative && d.role === 'on') { st.refDay = bounds(d.date.end ?? d.date.start ?? '')[1] ?? st.refDay; st.refIdx = s.idx; }
    }
  }
  return dedupDocument(dropHeadlines(out, sentences, lex)).map((d) => toRecord(text, d, lex));
}

// ---------------------------------------------------------------------------------------------

function scanTriggers(text: string, sentences: Sentence[], lex: CompiledLexicon): Map<number, { start: number; end: number; def: TriggerDef }[]> {
  const out = new Map<number, { start: number; end: number; def: TriggerDef }[]>();
  let si = 0;
  for (const m of lex.triggers.scan(text)) {
    while (si < sentences.length && sentences[si]!.end <= m.index) si++;
    const s = sentences[si];
    if (!s || m.index < s.start) continue;
    const end = Math.min(m.index + m.text.length, s.end);
    let list = out.get(si);
    if (!list) out.set(si, (list = []));
    list.push({ start: m.index, end, def: lex.triggerDefs[m.group]! });
  }
  return out;
}

interface DocCtx {
  published: string | null; warStart: string | null; docCountry: string | null; dest: Set<PlaceLike>;
  /** Ends of a route ("the Khasavyurt–Makhachkala highway"): where a road runs, not where anything happened. */
  route: Set<PlaceLike>;
  /** Places inside a topic ("leaflets about the bombing in Mariupol"): what is talked about, not where. */
  topical: Set<PlaceLike>;
  /** "OMSK, March 3 (Reuters) -", «ОМСК, 3 марта —»: where the report is filed from, and its paragraph. */
  dateline: { place: PlaceLike; para: number } | null;
}

function processSentence(
  text: string, s: Sentence, rawHits: { start: number; end: number; def: TriggerDef }[], sPlaces: PlaceLike[],
  st: ParaState, doc: DocCtx, lex: CompiledLexicon, pack: LanguagePack,
): Draft[] {
  const body = text.slice(s.start, s.end);
  const cls = clauses(text, s.start, s.end);
  const clauseOf = (pos: number): Clause => cls.find((c) => pos >= c.start && pos < c.end) ?? cls[cls.length - 1]!;

  const ctx: DateContext = { published: doc.published, ref: st.refDay ?? doc.published, warStart: doc.warStart, story: st.refDay ?? st.prevRefDay };
  // Dates and numbers are read only when a trigger needs them (most sentences with a trigger word are not events).
  let datesCache: DateMention[] | null = null;
  let quantitiesCache: Quantity[] | null = null;
  const getDates = (): DateMention[] => {
    if (datesCache === null) {
      datesCache = pack.findDates(body, s.start, ctx, lex);
      st.datesIdx = s.idx;
      for (const d of datesCache) if (d.explicitDay && !d.relative && d.role === 'on') { st.refDay = bounds(d.date.end ?? d.date.start ?? '')[1] ?? st.refDay; st.refIdx = s.idx; }
    }
    return datesCache;
  };
  const getQuantities = (): Quantity[] => (quantitiesCache ??= pack.findQuantities(body, s.start, lex)
    .filter((q) => !getDates().some((d) => q.start < d.end && q.end > d.start)));

  // 1. Filter triggers: negation, irrealis, charges, weak nouns without an eventive predicate.
  const hits: Hit[] = [];
  for (const h of rawHits) {
    const clause = clauseOf(h.start);
    const before = text.slice(Math.max(clause.start, h.start - 90), h.start);
    const after = text.slice(h.end, Math.min(s.end, h.end + 90));
    const blocked = (f: FilterDef, t: string, folded: string): boolean =>
      (!f.weakOnly || h.def.weak) && (!f.types || f.types.has(h.def.type)) && f.re.test(t, folded);
    const foldedBefore = foldString(before);
    if (lex.suppressBefore.some((f) => blocked(f, before, foldedBefore))) continue;
    const foldedAfter = foldString(after);
    if (lex.suppressAfter.some((f) => blocked(f, after, foldedAfter))) continue;
    if (h.def.weak) {
      const clauseText = text.slice(clause.start, clause.end);
      // "protests in Kazan", "the rally on March 6": a bare noun pinned to a town or a day is an event.
      const pinned = (): boolean => {
        const after = text.slice(h.end, Math.min(clause.end, h.end + 40));
        if (!/^\s+(?:in|at|on|near|outside)\s/u.test(after)) return false;
        return sPlaces.some((p) => p.level !== 'country' && p.start >= h.end && p.start - h.end < 30) ||
          getDates().some((d) => d.explicitDay && d.start >= h.end && d.start - h.end < 12);
      };
      if (!lex.eventive.test(clauseText) && !getQuantities().some((q) => q.end <= h.start && h.start - q.end < 4) && !pinned()) continue;
    }
    hits.push({ ...h, clause, quantity: null });
  }
  if (hits.length === 0) return [];
  // "set himself on fire in protest against": the protest is the purpose of the other act.
  if (hits.some((h) => h.def.modifier) && hits.some((h) => !h.def.modifier)) hits.splice(0, hits.length, ...hits.filter((h) => !h.def.modifier));
  // A law's description ("threatens men who illegally leave with 10 years") names offences, not events.
  if (hits.some((h) => h.def.standalone)) hits.splice(0, hits.length, ...hits.filter((h) => h.def.standalone));

  const dates = getDates();
  const quantities = getQuantities();

  // 2. Attach numbers to triggers.
  const used = new Set<Quantity>();
  for (const h of hits) {
    h.quantity = pickQuantity(h, hits, quantities, s);
    if (h.quantity) used.add(h.quantity);
  }

  const ownPlaceOf = (c: Clause): PlaceLike | undefined => {
    // A fronted locative ("In Yakutsk, women held a rally") is a clause of its own: count it in.
    const i = cls.indexOf(c);
    const prev = i > 0 ? cls[i - 1]! : null;
    const from = prev && prev.end - prev.start < 40 && /^(?:in|at|near|outside)\s/iu.test(text.slice(prev.start, prev.end)) ? prev.start : c.start;
    return sPlaces.find((p) => p.level !== 'country' && p.role !== 'adjectival' && !doc.route.has(p) && !doc.topical.has(p) && p.start >= from && p.end <= c.end);
  };

  // 3. Group triggers into events: same type (or merge group) and no conflicting numbers.
  const groupKey = (t: EventType): string => (lex.mergeGroup.has(t) ? `g${lex.mergeGroup.get(t)}` : t);
  const events: { hits: Hit[]; quantity: Quantity | null; breakdown: boolean; place: PlaceLike | null }[] = [];
  for (const h of hits) {
    const ownPlace = ownPlaceOf;
    const ev = events.find((e) => groupKey(e.hits[0]!.def.type) === groupKey(h.def.type) &&
      (e.quantity === null || h.quantity === null || e.quantity === h.quantity) &&
      // "In Yakutsk women held a rally, and in Nalchik people blocked a road": two places, two events.
      !(e.hits[0]!.clause !== h.clause && ownPlace(h.clause) && ownPlace(e.hits[0]!.clause) &&
        ownPlace(h.clause)!.settlement !== ownPlace(e.hits[0]!.clause)!.settlement));
    if (ev) {
      ev.hits.push(h);
      if (!ev.quantity) ev.quantity = h.quantity;
    } else events.push({ hits: [h], quantity: h.quantity, breakdown: false, place: null });
  }

  // 4. Breakdowns: "10 under Article 207.3, 9 under Article 214": bare numbers opening clauses
  //    after a trigger repeat that trigger's event, one record each.
  const free = quantities.filter((q) => !used.has(q) && !q.vague && q.form === 'bare' && !insideParens(text, s.start, q.start));
  const items = free.filter((q) => cls.some((c) => c.start === q.start));
  if (items.length >= 2) {
    const head = events.find((e) => e.hits[0]!.start < items[0]!.start);
    if (head) {
      if (!head.quantity) events.splice(events.indexOf(head), 1);
      for (const q of items) events.push({ hits: head.hits, quantity: q, breakdown: true, place: null });
    }
  }
  // "16 people were detained in Novosibirsk and 8 in Tomsk": a number with a place of its own after
  // a counted event repeats that event there.
  for (const q of free) {
    if (items.length >= 2 && items.includes(q)) continue;
    // "8 in Tomsk", "77 — в Петербурге", "16 people at": a short noun, a dash and a short preposition.
    const p = sPlaces.find((pl) => pl.start >= q.end && pl.start - q.end < 20 && pl.role !== 'adjectival' && PER_PLACE_GAP.test(text.slice(q.end, pl.start))) ??
      // "and in Moscow, with 502"
      sPlaces.find((pl) => pl.end <= q.start && q.start - pl.end < 12 && pl.role !== 'adjectival' && /^,?\s*(?:with|:|—|–|\()\s*$/u.test(text.slice(pl.end, q.start)));
    const head = [...events].reverse().find((e) => e.quantity && e.hits[0]!.start < q.start);
    // "1,700 on 6 March, and by mid-March 15,000": a number in a later clause with a date of its own.
    const qc = clauseOf(q.start);
    const ownDate = head !== undefined && head.quantity !== null && !(head.hits[0]!.start >= qc.start && head.hits[0]!.start < qc.end) &&
      dates.some((d) => countOfDate(d, [head.quantity!, q], clauseOf) === q);
    if (head && (p || ownDate)) events.push({ hits: head.hits, quantity: q, breakdown: false, place: p ?? null });
  }
  // "4,907 were detained, 2,350 of them in Moscow", "54 burned since the start of the war, 17 of them
  // in the last five days": a partitive number followed by its own place or period is a sub-count.
  for (const q of quantities) {
    if (used.has(q) || q.vague || q.form !== 'partitive') continue;
    const p = sPlaces.find((pl) => pl.start >= q.end && pl.start - q.end < 25 && pl.role !== 'adjectival') ?? null;
    const d = dates.find((dt) => dt.start >= q.end && dt.start - q.end < 25);
    const head = [...events].reverse().find((e) => e.quantity && e.quantity !== q && e.hits[0]!.start < q.start);
    if (head && (p || d)) events.push({ hits: head.hits, quantity: q, breakdown: false, place: p });
  }

  // 5. Build drafts. Sentence-level slots are read once, whatever the number of events.
  const tallyContext = lex.tallyCue.test(body) || dates.some((d) => d.role !== 'on');
  // Two counts in one sentence ("1,700 on 6 March, and by mid-March close to 15,000"): each count's own
  // clause says whether it is a day's count or a period's.
  const counts = [...new Set(events.map((e) => e.quantity).filter((q): q is Quantity => q !== null && !q.vague))];
  const perClause = new Set(counts.map((q) => clauseOf(q.start))).size > 1;
  let sentenceSlots: { actors: string[]; attribution: string[]; certainty: Certainty; institution: string | null } | null = null;
  const slots = (): NonNullable<typeof sentenceSlots> => (sentenceSlots ??= {
    actors: findActors(body, lex),
    attribution: findAttribution(body, lex),
    certainty: lex.claimed.test(body) ? 'claimed' : lex.rumoured.test(body) ? 'rumoured' : 'reported',
    institution: institutionCountry(body, lex),
  });
  const drafts: Draft[] = [];
  for (const ev of events) {
    const main = ev.hits.find((h) => !h.def.weak) ?? ev.hits[0]!;
    const type = main.def.type;
    const q = ev.quantity && !ev.quantity.vague ? ev.quantity : null;
    const owner = ev.hits.find((h) => h.quantity === ev.quantity) ?? main;
    const measure = q ? measureFor(q, owner.def.measure ?? ev.hits.find((h) => h.def.measure)?.def.measure ?? null, type, lex) : null;
    const clauseText = text.slice(main.clause.start, main.clause.end);
    let kind: Kind = 'incident';
    if (q) {
      // A count over a month or a span of days; not the day it was told ("in April X reported that...").
      const told = (d: DateMention): boolean => d.end <= main.start && lex.reportedSpeech !== null && lex.reportedSpeech.test(text.slice(d.end, main.start));
      const qc = clauseOf(q.start);
      const own = (d: DateMention): boolean => !perClause || countOfDate(d, counts, clauseOf) === q;
      const period = dates.some((d) => own(d) && ((d.date.precision === 'range' && !d.relative && spanDays(d.date) > 2) || d.date.precision === 'month' || d.date.precision === 'year') && !told(d));
      const cue = perClause ? lex.tallyCue.test(text.slice(qc.start, qc.end)) || dates.some((d) => own(d) && d.role !== 'on') : tallyContext;
      if (ev.breakdown || q.category === 'places' || cue || period) kind = 'tally';
      // "All three have been charged": the people of the event just told, not a running total.
      else if (lex.passiveTally && lex.passiveTally.test(clauseText) && !(lex.knownGroup && lex.knownGroup.test(text.slice(Math.max(0, q.start - 30), q.start)))) kind = 'tally';
      else if ((q.form === 'partitive' || q.form === 'elliptical') && st.lastTallyIdx >= s.idx - 2) kind = 'tally';
    }
    const ownDates = perClause && q ? dates.filter((d) => countOfDate(d, counts, clauseOf) === q) : dates;
    const { date, explicit } = chooseDate(kind, main, ownDates, s, st, doc, lex, text);
    const pick = ev.place ? { mention: ev.place, fromSentence: true } : choosePlace(main, sPlaces, st, s, doc, text, lex);
    // Clauses with their own places locate their own events.
    if (!ev.place) {
      const own = ownPlaceOf(main.clause);
      if (own && pick.mention !== own && pick.mention && (pick.mention.start < main.clause.start || pick.mention.end > main.clause.end)) { pick.mention = own; pick.fromSentence = true; }
    }
    const anchored = kind === 'tally' || ev.hits.some((h) => h.def.standalone) || explicit || pick.fromSentence || ev.quantity !== null ||
      st.drafts.length > 0 || st.carried !== null || slots().actors.length > 0 || (lex.specificSubject !== null && lex.specificSubject.test(body)) ||
      // A dateline places and dates the report's lead: its first paragraphs tell what happened there.
      (doc.dateline !== null && s.para <= doc.dateline.para + 1);
    if (!anchored) continue;
    // Nothing in this paragraph says where: the story goes on where the previous paragraph's record was.
    if (!pick.mention && st.places.length === 0 && st.carried?.placeMention && st.carried.placeMention.level !== 'country') pick.mention = st.carried.placeMention;
    // Nor any paragraph before: the report's dateline.
    if (!pick.mention && st.places.length === 0 && doc.dateline) pick.mention = doc.dateline.place;
    let place = pick.mention ? placeOf(pick.mention) : { ...EMPTY_PLACE };
    // A list of towns is the scope of one wave, not its place: no settlement, and the region only when
    // every listed town is in it (the contract: the country only, or the region all are in).
    const list = !ev.place && pick.mention ? scopeList(sPlaces, text).get(pick.mention) : undefined;
    if (list) place = { ...EMPTY_PLACE, country: pick.mention!.country || null, region: list.every((p) => p.region === list[0]!.region) ? list[0]!.region : null };
    if (!place.country) place = { ...place, country: slots().institution ?? contextCountry(st) ?? doc.docCountry };
    const target = chooseTarget(type, main, text, s, lex);
    const retyped: EventType = (target ? lex.retypeByTarget.get(type)?.get(target) : undefined) ?? type;
    drafts.push({
      type: retyped, kind, hits: ev.hits, quantity: q, measure, breakdown: ev.breakdown, sentence: s,
      evStart: s.start, evEnd: s.end, date, dateExplicit: explicit, place, placeMention: pick.mention,
      placeFromSentence: pick.fromSentence,
      actors: [...slots().actors],
      target,
      certainty: slots().certainty,
      attribution: [...slots().attribution],
    });
  }

  // "4,682 cases have been filed, and 101 people are defendants": an undated count listed beside a
  // tally is a tally over the same period.
  const sibling = drafts.find((d) => d.kind === 'tally');
  if (sibling) {
    for (const d of drafts) {
      if (d.kind !== 'incident' || !d.quantity || !d.measure) continue;
      // "17 of them in the last five days": a share of a tally is a tally over its own period.
      if (d.dateExplicit && d.quantity.form !== 'partitive') continue;
      d.kind = 'tally';
      if (!d.dateExplicit) d.date = sibling.date;
    }
  }

  // The paragraph's reference day for later relative dates ("in the last 24 hours").
  for (const d of dates) if (d.explicitDay && !d.relative && d.role !== 'since' && !speechDate(d, s, lex, text)) { st.refDay = bounds(d.date.end ?? d.date.start ?? '')[1] ?? st.refDay; st.refIdx = s.idx; }
  // "This was announced by X": credit the previous sentence's records.
  for (const re of lex.attributionBack) {
    re.lastIndex = 0;
    const m = re.exec(body);
    const src = m?.groups?.src ? cleanSource(m.groups.src, lex) : null;
    if (src) for (const d of st.drafts) if (d.sentence.idx >= s.idx - 3 && !d.attribution.includes(src)) d.attribution.push(src);
  }
  return drafts;
}

function insideParens(text: string, from: number, pos: number): boolean {
  const seg = text.slice(from, pos);
  return seg.lastIndexOf('(') > seg.lastIndexOf(')');
}

const COMPAT: Record<string, EventType[] | 'all'> = {
  people: 'all', places: 'all', events: 'all', cases: ['prosecution', 'detention', 'legislation', 'refusal', 'draft_evasion', 'desertion', 'symbolic'],
  soldiers: ['refusal', 'mutiny', 'desertion', 'detention', 'prosecution', 'armed_attack', 'draft_evasion', 'mobilisation', 'civil_resistance', 'protest'],
  facilities: ['arson', 'sabotage', 'symbolic', 'armed_attack'],
};
function compatible(q: Quantity, type: EventType): boolean {
  if (q.category === null) return true;
  const c = COMPAT[q.category];
  return c === undefined || c === 'all' || c.includes(type);
}

/** The number a trigger counts: its clause's subject, else its object, else a subject across an apposition. */
function pickQuantity(h: Hit, hits: Hit[], qs: Quantity[], s: Sentence): Quantity | null {
  const inClause = qs.filter((q) => q.start >= h.clause.start && q.start < h.clause.end && compatible(q, h.def.type));
  // A number right before the trigger counts it ("19,335 detentions", "12 protests").
  const adjacent = qs.find((q) => q.end <= h.start && q.start >= h.clause.start && /^\s{0,2}$/u.test(' '.repeat(h.start - q.end)) && h.start - q.end < 3);
  if (adjacent) return adjacent;
  const before = inClause.filter((q) => q.start < h.start && (q.form !== 'bare' || q.start === h.clause.start));
  if (before.length) return before[before.length - 1]!;
  // The object: "arrested about 15,000 people", or inside the trigger ("courts had heard 3,710 cases").
  const after = inClause.filter((q) => q.start >= h.start && q.form === 'noun' && (q.start - h.end < 40 || q.category === 'places'));
  if (after.length) return after[0]!;
  // "Twelve troops of the ... OMON, together with their commander, refused": the subject sits in an earlier clause.
  const earlier = qs.filter((q) => q.start >= s.start && q.end <= h.start && q.form === 'noun' && compatible(q, h.def.type) &&
    (q.category === 'soldiers' || q.category === 'people' || q.category === 'facilities') &&
    !hits.some((o) => o !== h && o.start > q.end && o.start < h.start));
  return earlier.length && h.start - earlier[earlier.length - 1]!.end < 160 ? earlier[earlier.length - 1]! : null;
}

function measureFor(q: Quantity, hitMeasure: CountKey | null, type: EventType, lex: CompiledLexicon): CountKey {
  if (q.category === 'places' || q.category === 'events') return 'cases';
  // "two young men set fire to...": people who acted are never buildings.
  if (q.category === 'people' && (hitMeasure ?? lex.typeMeasure.get(type)) === 'facilities') return 'people';
  if (hitMeasure) return hitMeasure;
  if (q.category === 'cases') return 'cases';
  if (q.category === 'soldiers') return type === 'detention' ? 'detained' : 'soldiers';
  if (q.category === 'facilities') return 'facilities';
  return lex.typeMeasure.get(type) ?? 'people';
}

/** "police said on Tuesday": a date right after a verb of telling, in the same sentence, is the day it was told. */
function speechDate(d: DateMention, s: Sentence, lex: CompiledLexicon, text: string): boolean {
  return lex.speechDateBefore !== null && lex.speechDateBefore.test(text.slice(Math.max(s.start, d.start - 40), d.start));
}

function chooseDate(kind: Kind, h: Hit, dates: DateMention[], s: Sentence, st: ParaState, doc: DocCtx, lex: CompiledLexicon, text: string): { date: DateSpan; explicit: boolean } {
  const frameStart = doc.warStart;
  const end = doc.published;
  if (kind === 'tally') {
    const near = (d: DateMention): number => Math.abs(d.start - h.start);
    let since = dates.find((d) => d.role === 'since');
    const by = [...dates].reverse().find((d) => d.role === 'by') ?? dates.find((d) => d.role === 'on' && d.date.precision !== 'range');
    // "4,640 detained that day, the most since the invasion began": the nearer date governs the count.
    if (since && by && by.role === 'on' && near(by) < near(since)) since = undefined;
    const period = dates.find((d) => d.role === 'on' && d.date.precision === 'range');
    // A count for one day ("on September 21, 1,300 were detained") covers that day only.
    const oneDay = !since && by && by.role === 'on' ? bounds(by.date.start!)[0] : null;
    const start = since?.date.start ?? period?.date.start ?? oneDay ?? frameStart ?? null;
    let stop = by ? bounds(by.date.end ?? by.date.start!)[1] : period?.date.end ? bounds(period.date.end)[1] : end;
    if (stop && end && stop > end) stop = end; // a count cannot run past its publication
    if (start && stop && start > stop) return { date: { start: stop, precision: 'day' }, explicit: true };
    if (start && start === stop) return { date: { start, end: stop, precision: 'day' }, explicit: true };
    return { date: { start: start ?? stop, end: stop, precision: start || stop ? 'range' : 'unknown' }, explicit: dates.length > 0 };
  }
  if (dates.length) {
    // The date nearest the trigger, preferring one in its clause.
    // A date after "for"/"over" dates the reason ("sentenced on Oct 12 for an arson in March").
    const reason = (d: DateMention): boolean => d.start > h.end && /\b(?:for|over|because of)\b/u.test(text.slice(h.end, d.start));
    // "Police said on Tuesday that…": the day of telling dates the act only when nothing else does.
    const speech = (d: DateMention): boolean => speechDate(d, s, lex, text);
    const dist = (d: DateMention): number => (d.start >= h.clause.start && d.end <= h.clause.end ? 0 : 10_000) + (reason(d) ? 20_000 : 0) +
      (speech(d) ? 40_000 : 0) + Math.abs(d.start - h.start);
    const d = [...dates].sort((a, b) => dist(a) - dist(b))[0]!;
    // "Back in April, X reported that...": April is when it was told; the event is on or before it.
    const told = (d.end <= h.start && lex.reportedSpeech !== null && lex.reportedSpeech.test(text.slice(d.end, h.start))) || speech(d);
    if (d.role === 'on' && !told) return { date: d.date, explicit: true };
    if (d.role === 'by' || told) return { date: { start: frameStart ?? bounds(d.date.start!)[0], end: bounds(d.date.end ?? d.date.start!)[1], precision: 'range' }, explicit: true };
    return { date: { start: d.date.start, end: end ?? d.date.end ?? null, precision: 'range' }, explicit: true };
  }
  // An anaphoric sentence ("He assured them...") continues the dated sentence before it.
  const prev = st.drafts[st.drafts.length - 1];
  if (prev && prev.dateExplicit && lex.anaphora.test(text.slice(s.start, s.end))) return { date: prev.date, explicit: false };
  // The story goes on from the day the sentence before told ("On 25 September, crowds gathered. Police detained...").
  if (st.refDay && (st.refIdx === s.idx - 1 || s.listItem) && (!end || st.refDay <= end)) return { date: { start: st.refDay, precision: 'day' }, explicit: false };
  // A paragraph's first sentence goes on from the day the paragraph before ended on.
  if (s.idx === 0 && st.prevRefDay && (!end || st.prevRefDay <= end)) {
    st.refDay = st.prevRefDay;
    st.refIdx = 0;
    return { date: { start: st.prevRefDay, precision: 'day' }, explicit: false };
  }
  if (frameStart && end) return { date: { start: frameStart, end, precision: 'range' }, explicit: false };
  if (end) return { date: { start: null, end, precision: 'unknown' }, explicit: false };
  return { date: { start: null, precision: 'unknown' }, explicit: false };
}

/** Which place mention locates the event: the most specific nearby one that is not a destination or an adjective. */
function choosePlace(h: Hit, sPlaces: PlaceLike[], st: ParaState, s: Sentence, doc: DocCtx, text: string, lex: CompiledLexicon): { mention: PlaceLike | null; fromSentence: boolean } {
  const dest = doc.dest;
  let best: PlaceLike | null = null;
  let bestScore = -Infinity;
  for (const p of sPlaces) {
    let score = p.level === 'settlement' ? 30 : p.level === 'region' ? 20 : 10;
    // An adjective before the verb qualifies the actor ("Belarusian railway workers sabotaged"); after
    // it, the object ("trains carrying Russian troops").
    if (p.role === 'adjectival') score -= p.start > h.end ? 18 : 15;
    else if (p.role === 'origin') score -= 5;
    // A destination ("sent to Ukraine") says least about where the act happened; a country named as a
    // destination is weaker even than an adjective ("Belarusian railway workers").
    if (dest.has(p)) score -= p.level === 'country' ? 16 : 8;
    // A route's ends and a topic's places say nothing of where the act was: below any region named.
    if (doc.route.has(p)) score -= 12;
    if (doc.topical.has(p)) score -= 25;
    // «жители села Эндирей», "the village of Endirey": the place the text names as such.
    if (p.level === 'settlement' && lex.settlementNoun?.test(text.slice(Math.max(0, p.start - 30), p.start))) score += 2;
    if (p.start >= h.clause.start && p.end <= h.clause.end) score += 3;
    // "detained in Voronezh": a place right after the trigger, introduced by a locative preposition.
    if (p.start >= h.end && p.start - h.end < 30 && LOCATIVE_GAP.test(text.slice(h.end, p.start))) score += 4;
    // ", and in Moscow": a place opening the next coordinated item belongs to what follows it.
    if (p.start >= h.end && /(?:,\s*and|;)\s+(?:in|at)\s+(?:the\s+)?$/u.test(text.slice(h.end, p.start))) score -= 6;
    score -= Math.abs(p.start - h.start) / 200;
    if (score > bestScore) { bestScore = score; best = p; }
  }
  // A country reached ("sent to Ukraine", "fled to Georgia") does not locate the act at all.
  if (best && best.level === 'country' && dest.has(best)) best = null;
  // Nor does a topic's place; a route's ends are the last resort.
  if (best && doc.topical.has(best)) best = null;
  const weak = best === null || (best.level === 'country' && bestScore < 8) || doc.route.has(best);
  // People fleeing abroad: the country they reach says nothing of where they left, and the paragraph's
  // earlier town (another story) is no better a guess.
  const onlyDestinations = h.def.type === 'draft_evasion' && sPlaces.length > 0 && sPlaces.every((p) => dest.has(p) || p.role === 'adjectival');
  if (weak && !onlyDestinations) {
    // Back up the paragraph for a settlement or region told in the last few sentences.
    let found: PlaceLike | null = null;
    let foundIdx = -1;
    for (let i = st.places.length - 1; i >= 0; i--) {
      const c = st.places[i]!;
      if (c.idx < s.idx - 3 || (found && c.idx < foundIdx)) break;
      if (c.p.level === 'country' || c.p.role === 'adjectival') continue;
      // Within the latest sentence that names one, a settlement beats its region.
      if (!found || (c.p.level === 'settlement' && found.level !== 'settlement')) { found = c.p; foundIdx = c.idx; }
    }
    if (found) return { mention: found, fromSentence: false };
  }
  // Only a route's ends: the road runs in their region (when they share one), through no one town.
  if (best && doc.route.has(best)) {
    const other = sPlaces.find((p) => p !== best && doc.route.has(p) && Math.abs(p.start - best!.start) < 60);
    return { mention: other && other.region !== best.region ? { ...best, level: 'country', region: null, settlement: null } : { ...best, level: 'region', settlement: null }, fromSentence: true };
  }
  if (best) return { mention: best, fromSentence: best.role !== 'adjectival' };
  return { mention: null, fromSentence: false };
}

/**
 * Settlements named together as a list ("in Moscow, St Petersburg and other cities", "from Kaliningrad
 * to Vladivostok", «в Москве, Петербурге и Казани»): two or more distinct towns joined only by commas or
 * one short word. Such a list is the scope of a wave; each town alone is no event's place.
 */
function scopeList(sPlaces: PlaceLike[], text: string): Map<PlaceLike, PlaceLike[]> {
  const out = new Map<PlaceLike, PlaceLike[]>();
  const towns = sPlaces.filter((p) => p.level === 'settlement' && p.role !== 'adjectival');
  for (let i = 0; i + 1 < towns.length; i++) {
    const a = towns[i]!, b = towns[i + 1]!;
    if (a.settlement === b.settlement || !LIST_GAP.test(text.slice(a.end, b.start))) continue;
    // One list per run of towns: every member maps to the same array.
    let list = out.get(a);
    if (!list) out.set(a, (list = [a]));
    list.push(b);
    out.set(b, list);
  }
  return out;
}

// PLACE[ (Agency)], DATE[ (Agency)] — ; the place in capitals or capitalised words.
const DATELINE = /^[ \t]*(\p{Lu}[\p{L}'’.-]*(?:[ -]\p{Lu}[\p{L}'’.-]*){0,3})(?:[ \t]*\([^)\n]{1,40}\))?,[ \t]+([^\n,;()]{3,40}?)(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*(?:—|–|--?|\.)(?:[ \t]+|$)/mu;

/**
 * A dateline at the start of one of the first paragraphs: a known place, a comma, a day, a dash or a
 * full stop. Its place locates what the lead tells when the lead names none.
 */
function findDateline(
  text: string, sentences: Sentence[], places: PlaceLike[], published: string | null, warStart: string | null, lex: CompiledLexicon, pack: LanguagePack,
): { place: PlaceLike; para: number } | null {
  const paras = [...new Set(sentences.map((s) => s.para))].slice(0, 3);
  for (const para of paras) {
    const s = sentences.find((x) => x.para === para)!;
    const m = DATELINE.exec(text.slice(s.start, Math.min(text.length, s.start + 120)));
    if (!m) continue;
    const at = s.start + m.index + (m[0].length - m[0].trimStart().length);
    const place = places.find((p) => p.start === at && p.end <= at + m[1]!.length && p.level !== 'country' && p.role === null);
    if (!place) continue;
    const dStart = s.start + m.index + m[0].indexOf(m[2]!, m[1]!.length);
    const ds = pack.findDates(m[2]!, dStart, { published, ref: published, warStart }, lex);
    if (ds.some((d) => d.explicitDay)) return { place, para };
  }
  return null;
}

/** The paragraph's last incident told again in sentence `s`, at its own place and day if it names them. */
function repeatEvent(text: string, s: Sentence, sPlaces: PlaceLike[], st: ParaState, doc: DocCtx, lex: CompiledLexicon, pack: LanguagePack): Draft | null {
  const prev = [...st.drafts].reverse().find((d) => d.kind === 'incident' && d.sentence.idx >= s.idx - 2 && !d.share);
  if (!prev) return null;
  const ctx: DateContext = { published: doc.published, ref: st.refDay ?? doc.published, warStart: doc.warStart, story: st.refDay ?? st.prevRefDay };
  const dates = pack.findDates(text.slice(s.start, s.end), s.start, ctx, lex).filter((d) => d.role === 'on');
  const own = sPlaces.find((p) => p.level !== 'country' && p.role !== 'adjectival' && !doc.dest.has(p) && !doc.route.has(p) && !doc.topical.has(p));
  const date = dates[0]?.date ?? prev.date;
  for (const d of dates) if (d.explicitDay || d.relative) { st.refDay = bounds(d.date.end ?? d.date.start ?? '')[1] ?? st.refDay; st.refIdx = s.idx; }
  return {
    ...prev, hits: prev.hits, quantity: null, measure: null, breakdown: false, sentence: s, evStart: s.start, evEnd: s.end,
    date, dateExplicit: dates.length > 0 || prev.dateExplicit,
    place: own ? placeOf(own) : prev.place, placeMention: own ?? prev.placeMention, placeFromSentence: own !== undefined,
    actors: [], attribution: [...prev.attribution],
  };
}

/** The last record that is not one place's share of another. */
function lastWhole(out: Draft[]): Draft | undefined {
  for (let k = out.length - 1; k >= 0; k--) if (!out[k]!.share) return out[k];
  return undefined;
}

const PAREN_COUNT = /^\s*\(\s*(\d{1,3}(?:[\u0020\u00a0\u202f]\d{3})+|\d+)\s*\)/u;

/**
 * "Most were detained in St Petersburg (524) and Moscow (502)." with no verb of its own: each place
 * followed by a count in brackets is the counted record of the sentence or two before, there. A count
 * larger than that record's is no part of it.
 */
function perPlaceCounts(text: string, s: Sentence, sPlaces: PlaceLike[], st: ParaState, route: Set<PlaceLike>, topical: Set<PlaceLike>): Draft[] {
  const head = [...st.drafts].reverse().find((d) => d.sentence.idx >= s.idx - 2 && d.quantity !== null && d.measure !== null);
  if (!head || !head.quantity) return [];
  const out: Draft[] = [];
  for (const p of sPlaces) {
    if (p.level === 'country' || p.role === 'adjectival' || route.has(p) || topical.has(p)) continue;
    const m = PAREN_COUNT.exec(text.slice(p.end, Math.min(s.end, p.end + 24)));
    if (!m) continue;
    const value = Number(m[1]!.replace(/\D/gu, ''));
    if (!(value > 0) || value > head.quantity.value) continue;
    const end = p.end + m[0].length;
    out.push({
      ...head, hits: head.hits, breakdown: false, sentence: s, evStart: p.start, evEnd: end,
      quantity: { start: end - m[0].length, end, value, qualifier: 'exact', vague: false, form: 'bare', category: head.quantity.category },
      place: placeOf(p), placeMention: p, placeFromSentence: true, actors: [...head.actors], attribution: [...head.attribution], share: true,
    });
  }
  return out;
}

/**
 * «петербургский суд», «Мелітопольської райдержадміністрації», "Moscow's city court": a town's
 * adjective naming one of its institutions places what the institution does in the town.
 */
function institutionOf(p: PlaceLike, text: string, lex: CompiledLexicon): boolean {
  if (p.level !== 'settlement' || p.role !== 'adjectival' || !lex.placeInstitution) return false;
  lex.placeInstitution.lastIndex = p.end;
  return lex.placeInstitution.test(text);
}

/** "the Khasavyurt–Makhachkala highway", «трассу Хасавюрт — Махачкала»: two towns joined by a dash name a route. */
function routes(places: PlaceLike[], text: string): Set<PlaceLike> {
  const out = new Set<PlaceLike>();
  for (let i = 0; i + 1 < places.length; i++) {
    const a = places[i]!, b = places[i + 1]!;
    if (a.level !== 'settlement' || b.level !== 'settlement' || a.settlement === b.settlement) continue;
    if (!ROUTE_GAP.test(text.slice(a.end, b.start))) continue;
    out.add(a);
    out.add(b);
  }
  return out;
}
const ROUTE_GAP = /^(?:\s*[—–]\s*|\s+-\s+|-)$/u;

/**
 * Places in a topic phrase: "leaflets about the bombing of a school in Mariupol", «листовки о
 * бомбардировке школы в Мариуполе». A trigger inside the phrase makes it the event itself
 * («сообщили о задержании 20 человек в Москве»): then the place counts.
 */
function topics(places: PlaceLike[], sentences: Sentence[], hits: Map<number, { start: number }[]>, text: string, lex: CompiledLexicon): Set<PlaceLike> {
  const out = new Set<PlaceLike>();
  if (!lex.topicBefore) return out;
  let si = 0;
  for (const p of places) {
    while (si < sentences.length && sentences[si]!.end <= p.start) si++;
    const s = sentences[si];
    if (!s || p.start < s.start) continue;
    const from = Math.max(s.start, p.start - 100);
    const m = lex.topicBefore.exec(text.slice(from, p.start));
    if (!m) continue;
    const topicStart = from + m.index;
    if ((hits.get(si) ?? []).some((h) => h.start >= topicStart && h.start < p.start)) continue;
    out.add(p);
  }
  return out;
}
// Commas and the short words that join a list or a range ("and", "to", «и», «до»), not prepositions
// that place one town by another («Красноярка под Омском»).
const LIST_WORD = '(?:and|or|to|и|или|до|та|і|й|або|ды|ці)';
const LIST_GAP = new RegExp(`^(?:\\s*,\\s*|\\s+${LIST_WORD}\\s+|\\s*,\\s+${LIST_WORD}\\s+)$`, 'iu');

/** The count a date belongs to: the one in its clause, else the nearest in the text. */
function countOfDate(d: DateMention, qs: Quantity[], clauseOf: (pos: number) => Clause): Quantity | null {
  const c = clauseOf(d.start);
  const same = qs.find((q) => q.start >= c.start && q.start < c.end);
  if (same) return same;
  let best: Quantity | null = null;
  let bestD = Infinity;
  for (const q of qs) {
    const dist = d.start >= q.end ? d.start - q.end : q.start - d.end;
    if (dist < bestD) { bestD = dist; best = q; }
  }
  return best;
}

const PER_PLACE_GAP = /^\s*(?:\p{L}{1,8}\s+)?(?:[—–-]\s*)?\p{L}{1,3}\s+(?:the\s+)?$/u;

const LOCATIVE_GAP = /^[^,;.]*\b(?:in|at|near|outside|inside|on)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}$/u;

function spanDays(d: DateSpan): number {
  if (!d.start || !d.end) return 0;
  return (Date.parse(bounds(d.end)[1]) - Date.parse(bounds(d.start)[0])) / 86_400_000;
}

/** Places reached rather than where things happen: "sent to Ukraine", "fled to Georgia and Kazakhstan". */
function destinations(places: PlaceLike[], text: string, lex: CompiledLexicon): Set<PlaceLike> {
  const out = new Set<PlaceLike>();
  let prev: PlaceLike | null = null;
  for (const p of places) {
    const before = text.slice(Math.max(0, p.start - 24), p.start);
    if (lex.destinationBefore.test(before) || (prev && out.has(prev) && /^\s*(?:,|and|or|,\s*and)\s*$/u.test(text.slice(prev.end, p.start)))) out.add(p);
    prev = p;
  }
  return out;
}

function placeOf(p: PlaceLike): Place {
  return { country: p.country || null, region: p.region, settlement: p.level === 'settlement' ? p.settlement : null, lat: p.lat, lon: p.lon };
}

function contextCountry(st: ParaState): string | null {
  for (let i = st.places.length - 1; i >= 0; i--) {
    const c = st.places[i]!;
    if (c.p.role !== 'adjectival' && !c.destination) return c.p.country;
  }
  return null;
}

function institutionCountry(body: string, lex: CompiledLexicon): string | null {
  const m = lex.institutions.first(body);
  return m ? lex.institutionCountries[m.group] ?? null : null;
}

function dominantCountry(places: PlaceLike[]): string | null {
  const n = new Map<string, number>();
  for (const p of places) if (p.role !== 'adjectival' && p.country) n.set(p.country, (n.get(p.country) ?? 0) + 1);
  let best: string | null = null;
  let bestN = 0;
  for (const [c, k] of n) if (k > bestN) { best = c; bestN = k; }
  return best;
}

function chooseTarget(type: EventType, h: Hit, text: string, s: Sentence, lex: CompiledLexicon): string | null {
  const allowed = lex.typeTargets.get(type);
  if (!allowed) return null;
  const body = text.slice(s.start, s.end);
  let best: string | null = null;
  let bestD = Infinity;
  for (const m of lex.targets.scan(body)) {
    const key = lex.targetKeys[m.group] ?? null;
    if (!key || !allowed.includes(key)) continue;
    // Police beat soldiers for refusals: "troops of the OMON [special police]" are police.
    const d = Math.abs(s.start + m.index - h.start) - (key === 'police' && allowed[0] === 'police' ? 10_000 : 0);
    if (d < bestD) { bestD = d; best = key; }
  }
  return best ?? lex.typeDefaultTargets.get(type) ?? null;
}

function findActors(body: string, lex: CompiledLexicon): string[] {
  const out: string[] = [];
  const add = (a: string | undefined): void => {
    const v = a?.trim().replace(/^the\s+/i, '');
    if (v && !out.includes(v)) out.push(v);
  };
  for (const re of lex.actors) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body))) add(m.groups?.actor ?? m[0]);
  }
  if (lex.actorNames) {
    for (const m of lex.actorNames.scan(body)) add(m.text);
  }
  return out;
}

function findAttribution(body: string, lex: CompiledLexicon): string[] {
  const out: string[] = [];
  if (lex.attributionGate && !lex.attributionGate.test(body)) return out;
  for (const re of lex.attribution) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body))) {
      const src = m.groups?.src ? cleanSource(m.groups.src, lex) : null;
      if (src && !out.includes(src)) out.push(src);
    }
  }
  return out;
}

// A capitalised sentence opener is not part of a name ("Since Vladimir Putin announced...").
const LEADING_FUNCTION_WORDS = /^(?:(?:since|when|after|as|while|if|because|although|then|but|and|so|once|before|until|on|in|at|by|for|with|meanwhile|later|earlier|now|today|yesterday)\s+)+/i;

function cleanSource(raw: string, lex: CompiledLexicon): string | null {
  let s = raw.replace(/\s+/g, ' ').trim().replace(LEADING_FUNCTION_WORDS, '').replace(/^(?:the|a|an)\s+/i, '').replace(/[\s,.;:'"“”‘’]+$/u, '');
  if (lex.attributionSuffix) s = s.replace(lex.attributionSuffix, '');
  s = s.replace(/\s+(?:that|who|which|in a|on|at|as)\s.*$/i, '');
  if (!s || s.split(' ').length > 10 || lex.attributionStop.has(s.toLowerCase())) return null;
  return s;
}

/** One event told over several sentences: fold a later mention into the earlier record. */
function mergeIntoPrevious(text: string, d: Draft, st: ParaState, lex: CompiledLexicon): boolean {
  const sameType = (a: EventType, b: EventType): boolean => a === b || (lex.mergeGroup.has(a) && lex.mergeGroup.get(a) === lex.mergeGroup.get(b));
  // Soldiers who protest are refusing ("a hundred mobilised men staged a protest … they refuse to
  // fight"): their protest and a refusal told next are one event.
  const soldiersProtest = (p: Draft): boolean => p.type === 'protest' && p.measure === 'soldiers';
  const sameGroup = (a: EventType, b: EventType, p?: Draft): boolean => sameType(a, b) ||
    (p !== undefined && soldiersProtest(p) && lex.mergeGroup.has(b) && lex.mergeGroup.get(b) === lex.mergeGroup.get('refusal'));
  for (let i = st.drafts.length - 1; i >= 0; i--) {
    const p = st.drafts[i]!;
    if (p.sentence.idx < d.sentence.idx - 2) break;
    if (p.sentence === d.sentence) continue;
    // "She was remanded in custody. She is charged with…": the charge of the person just detained or
    // tried is that case, not a new one (its dates belong to the act charged).
    if (d.type === 'prosecution' && d.kind === 'incident' && p.kind === 'incident' && (p.type === 'detention' || p.type === 'prosecution') &&
      !d.quantity && d.hits.every((h) => h.def.measure === 'charged') && p.sentence.idx === d.sentence.idx - 1 &&
      lex.anaphora.test(text.slice(d.sentence.start, d.sentence.end))) {
      p.evEnd = Math.max(p.evEnd, d.evEnd);
      for (const a of d.actors) if (!p.actors.includes(a)) p.actors.push(a);
      for (const a of d.attribution) if (!p.attribution.includes(a)) p.attribution.push(a);
      return true;
    }
    if (p.kind !== d.kind || !sameGroup(p.type, d.type, p)) continue;
    if (d.kind === 'tally' || d.breakdown) return false;
    if (d.dateExplicit && p.dateExplicit && JSON.stringify(d.date) !== JSON.stringify(p.date)) return false;
    if (d.quantity && p.quantity && d.quantity.value !== p.quantity.value) return false;
    if (d.actors.length && p.actors.length && !d.actors.some((a) => p.actors.includes(a))) return false;
    if (lex.newEvent.test(text.slice(d.sentence.start, d.sentence.end))) return false;
    if (d.placeFromSentence && p.placeFromSentence && d.placeMention && p.placeMention && d.placeMention.level !== 'country' &&
      (d.place.region !== p.place.region || (d.place.settlement && p.place.settlement && d.place.settlement !== p.place.settlement))) return false;
    // Merge: one record whose evidence spans both mentions.
    p.evEnd = Math.max(p.evEnd, d.evEnd);
    if (!p.quantity && d.quantity) { p.quantity = d.quantity; p.measure = d.measure; }
    if (!p.dateExplicit && d.dateExplicit) { p.date = d.date; p.dateExplicit = true; }
    if (!p.placeFromSentence && d.placeFromSentence) { p.place = d.place; p.placeMention = d.placeMention; p.placeFromSentence = true; }
    for (const a of d.actors) if (!p.actors.includes(a)) p.actors.push(a);
    for (const a of d.attribution) if (!p.attribution.includes(a)) p.attribution.push(a);
    if (!p.target) p.target = d.target;
    return true;
  }
  return false;
}

/**
 * A headline ("Police detain protesters in Omsk." over the story) announces what the body tells with
 * its day and numbers: an incident from a one-sentence first paragraph is dropped when a later
 * paragraph has one of the same type at a compatible place, with the same number and day if the
 * headline gives them.
 */
function dropHeadlines(drafts: Draft[], sentences: Sentence[], lex: CompiledLexicon): Draft[] {
  const first = sentences.find((s) => !s.boilerplate);
  if (!first || sentences.filter((s) => s.para === first.para).length !== 1 || first.end - first.start > 160) return drafts;
  const sameGroup = (a: EventType, b: EventType): boolean => a === b || (lex.mergeGroup.has(a) && lex.mergeGroup.get(a) === lex.mergeGroup.get(b));
  const compatible = (h: Place, b: Place): boolean => (h.settlement === null || b.settlement === null || h.settlement === b.settlement) &&
    (h.region === null || b.region === null || h.region === b.region) && (h.country === null || b.country === null || h.country === b.country);
  // A headline's own number or day must be the body's too ("8 detained in Omsk" over "police detained eight").
  const agrees = (h: Draft, b: Draft): boolean => (h.quantity === null || (b.quantity !== null && b.quantity.value === h.quantity.value)) &&
    (!h.dateExplicit || (b.dateExplicit && b.date.start === h.date.start));
  return drafts.filter((h) => h.sentence !== first || h.kind !== 'incident' ||
    !drafts.some((b) => b.sentence.para > first.para && b.kind === 'incident' && sameGroup(b.type, h.type) && compatible(h.place, b.place) && agrees(h, b)));
}

/** The same event told again elsewhere in the document (same type, day, place and number): keep the first. */
function dedupDocument(drafts: Draft[]): Draft[] {
  const seen = new Set<string>();
  const out: Draft[] = [];
  for (const d of drafts) {
    const keys: string[] = [];
    if (d.dateExplicit && d.date.precision === 'day' && (d.place.settlement || d.place.region)) {
      keys.push([d.kind, d.type, d.date.start, d.place.region, d.place.settlement, d.quantity?.value ?? '', d.measure ?? ''].join('|'));
    }
    // "17 soldiers refused in the Luhansk region" told in the lead and again below.
    if (d.quantity && d.quantity.value >= 10 && (d.place.settlement || d.place.region)) {
      keys.push(['n', d.kind, d.type, d.place.region, d.place.settlement, d.quantity.value, d.measure ?? ''].join('|'));
    }
    if (keys.some((k) => seen.has(k))) continue;
    for (const k of keys) seen.add(k);
    out.push(d);
  }
  return out;
}

function toRecord(text: string, d: Draft, lex: CompiledLexicon): EventRecord {
  const rec: EventRecord = {
    kind: d.kind,
    type: d.type,
    date: d.date,
    place: d.place,
    actors: d.actors,
    target: d.target,
    counts: {},
    certainty: d.certainty,
    attribution: d.attribution,
    evidence: { start: d.evStart, end: d.evEnd, text: text.slice(d.evStart, d.evEnd) },
    summary: '',
  };
  if (d.quantity && d.measure) {
    if (d.kind === 'tally') {
      rec.measure = d.measure;
      rec.value = d.quantity.value;
      rec.qualifier = d.quantity.qualifier as Qualifier;
    } else {
      rec.counts = { [d.measure]: d.quantity.value };
    }
  }
  rec.summary = summarize(rec, d, lex);
  return rec;
}

function summarize(r: EventRecord, d: Draft, lex: CompiledLexicon): string {
  const label = lex.typeLabels.get(r.type) ?? r.type;
  const where = r.place.settlement ?? d.placeMention?.text ?? r.place.region ?? r.place.country ?? lex.words.get('unknownPlace') ?? '?';
  const when = r.date.start ? (r.date.end && r.date.end !== r.date.start ? `${r.date.start} ${lex.words.get('until') ?? '–'} ${r.date.end}` : r.date.start) : '';
  const count = r.kind === 'tally' ? ` — ${r.qualifier && r.qualifier !== 'exact' ? `${r.qualifier.replace('_', ' ')} ` : ''}${r.value} ${r.measure}`
    : Object.entries(r.counts).map(([k, v]) => ` — ${v} ${k}`).join('');
  const tally = r.kind === 'tally' ? ` (${lex.words.get('tally') ?? 'tally'})` : '';
  return `${label}${tally}, ${where}${when ? `, ${when}` : ''}${count}`.replace(/\s+/g, ' ');
}
