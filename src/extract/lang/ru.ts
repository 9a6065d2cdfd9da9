/**
 * Russian language pack: dates and numbers, and the machinery the Ukrainian pack (uk.ts) shares.
 * Cyrillic needs its own rules: words change their endings with case («25 сентября», «в среду», «в ночь
 * на среду»), numbers come in words and cases («двенадцати», «трём», «более ста») and thousands are
 * grouped with spaces («13 297»). Years resolve towards the past, as in the English pack.
 */
import { addDays, addMonths, dayAfterRef, daysAfterRef, daysInMonth, inferYear, inferYearOfMonth, iso, isoMonth, parseIsoDay, previousWeek, validDay } from '../dates.js';
import type { CompiledLexicon, NounCategory } from '../lexicon.js';
import type { DateSpan, Lang, Qualifier } from '../record.js';
import type { DateContext, DateMention, DateRole, LanguagePack, Quantity } from './types.js';

/** The words a Cyrillic pack needs to read dates; everything else comes from the lexicon. */
export interface CyrillicDateWords {
  /** Month names with their case endings (regex sources) → month number: «сентябр[ьяе]» → 9. */
  months: [string, number][];
  /** Weekday forms (nominative/accusative, as after «в»/«на») → 0 Sunday … 6 Saturday. */
  weekdays: Record<string, number>;
  /** "in/on": в, во, у... */
  at: string;
  /** the night: «в ночь», «в ніч». */
  night: string;
  /** from (a night from X to Y; a period from X to Y). */
  from: string;
  /** to, into: «на», «по», «до». */
  nightTo: string;
  rangeTo: string;
  /** Relative days: word → days back from the reference day (вчера 1, сегодня 0, накануне 1). */
  relativeDays: Record<string, number>;
  /** «этой ночью», «минувшей ночью»: the night before the reference day. */
  lastNight: string;
  /** «за последние пять дней»: "over the last". */
  overLast: string;
  /** Unit stems for periods and "ago": day, week, month, year, day-and-night. */
  units: { day: string; week: string; month: string; year: string; night24: string; hour: string };
  /** «N дней назад»: the word "ago". */
  ago: string;
  /** since the start of the war. */
  warStartPhrase: string;
  /** Other starts of counted periods with a known day: «с начала мобилизации» (21 September 2022). */
  sinceDays: [string, string][];
  /** «в прошлом году», «в этом месяце». */
  lastYear: string;
  thisYear: string;
  lastMonth: string;
  thisMonth: string;
  /** «в начале/середине/конце сентября». */
  partOf: { early: string; mid: string; late: string };
  /** «года», «г.» after a year. */
  yearWord: string;
  /** Text right before a date that makes it the end ("by") or the start ("since") of a period. */
  byBefore: RegExp;
  sinceBefore: RegExp;
  /** «до 31 мая» (custody until, a deadline): the end of a state, never an event's date. */
  untilBefore: RegExp;
  /** «заявил сегодня»: the day of a statement, not of what it tells. */
  speechBefore: RegExp;
  /** Small numbers in words for «за последние пять дней», «три дня назад». */
  smallNumbers: Record<string, number>;
  /** «на прошлой неделе»: the calendar week (Monday to Sunday) before the publication's week. */
  lastWeek?: string;
  /** «на следующий день»: the day after the paragraph's reference day (never past publication). */
  nextDay?: string;
  /** «через»/«спустя» before a count of days, and «позже» after it: N days after the reference day. */
  laterBefore?: string;
  laterAfter?: string;
}

type Resolver = (m: RegExpExecArray, ctx: DateContext) => { date: DateSpan; relative?: boolean; explicitDay?: boolean; role?: DateRole } | null;
interface Rule { re: RegExp; resolve: Resolver }

const L = '(?<![\\p{L}\\p{N}_])';
const R = '(?![\\p{L}\\p{N}_])';

function range(a: string | null, b: string | null): DateSpan | null {
  if (!a || !b) return null;
  return a <= b ? { start: a, end: b, precision: 'range' } : { start: b, end: a, precision: 'range' };
}
const refDay = (ctx: DateContext): string | null => ctx.ref ?? ctx.published;

/** The latest day with this weekday not after the reference day. */
function weekdayBefore(r: string, want: number): string | null {
  const p = parseIsoDay(r);
  if (!p) return null;
  const have = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
  return addDays(r, -((have - want + 7) % 7));
}

interface DateRules { rules: Rule[]; w: CyrillicDateWords }
const ruleCache = new WeakMap<CyrillicDateWords, DateRules>();

function alt(keys: string[]): string {
  return [...keys].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’ʼ]")).join('|');
}

function buildRules(w: CyrillicDateWords): DateRules {
  const cached = ruleCache.get(w);
  if (cached) return cached;
  const MONTH = `(${w.months.map(([p]) => p).join('|')})`;
  const monthRes = w.months.map(([p, n]) => [new RegExp(`^(?:${p})$`, 'iu'), n] as const);
  const month = (s: string | undefined): number => monthRes.find(([r]) => r.test(s ?? ''))?.[1] ?? 0;
  const WD = `(${alt(Object.keys(w.weekdays))})`;
  const wd = (s: string | undefined): number => w.weekdays[(s ?? '').toLowerCase().replace(/[’ʼ]/g, "'")] ?? -1;
  const DAY = '(\\d{1,2})';
  const YEAR = `(?:\\s+((?:19|20)\\d{2})(?:\\s*(?:${w.yearWord}))?)?`;
  const small = (s: string | undefined): number => (s === undefined ? NaN : /^\d+$/.test(s) ? Number(s) : w.smallNumbers[s.toLowerCase().replace(/[’ʼ]/g, "'")] ?? NaN);
  const SMALL = `(\\d+|${alt(Object.keys(w.smallNumbers))})`;
  const dayOf = (mo: number, d: number, y: string | undefined, c: DateContext): string | null => {
    const year = y ? Number(y) : inferYear(mo, d, c.published);
    return validDay(year, mo, d) ? iso(year, mo, d) : null;
  };
  const U = w.units;
  const unitDays = (u: string, n: number, r: string): string => {
    const low = u.toLowerCase();
    if (new RegExp(`^(?:${U.hour})`, 'iu').test(low)) return addDays(r, -Math.max(1, Math.ceil(n / 24)));
    if (new RegExp(`^(?:${U.week})`, 'iu').test(low)) return addDays(r, -7 * n);
    if (new RegExp(`^(?:${U.month})`, 'iu').test(low)) return addMonths(r, -n);
    if (new RegExp(`^(?:${U.year})`, 'iu').test(low)) return addMonths(r, -12 * n);
    return addDays(r, -n);
  };
  const UNIT = `((?:${U.day}|${U.week}|${U.month}|${U.year}|${U.night24}|${U.hour})\\p{L}*)`;
  const laterBy = (unit: string, n: number, c: DateContext): { date: DateSpan; relative: boolean } | null => {
    const low = unit.toLowerCase();
    const week = new RegExp(`^(?:${U.week})`, 'iu').test(low);
    if (!week && !new RegExp(`^(?:${U.day}|${U.night24})`, 'iu').test(low)) return null;
    const d = daysAfterRef(c, week ? 7 * n : n);
    return d ? { date: { start: d, precision: 'day' }, relative: true } : null;
  };
  const re = (src: string): RegExp => new RegExp(`${L}${src}${R}`, 'giu');

  const rules: Rule[] = [
    // в ночь с 21 на 22 сентября
    { re: re(`(?:${w.night})\\s+(?:${w.from})\\s+${DAY}\\s+(?:${w.nightTo})\\s+${DAY}\\s+${MONTH}${YEAR}`),
      resolve: (m, c) => { const mo = month(m[3]); const d = range(dayOf(mo, Number(m[1]), m[4], c), dayOf(mo, Number(m[2]), m[4], c)); return d && { date: d, explicitDay: true }; } },
    // в ночь на 25 сентября: the night before that day
    { re: re(`(?:${w.night})\\s+(?:${w.nightTo})\\s+${DAY}\\s+${MONTH}${YEAR}`),
      resolve: (m, c) => { const d = dayOf(month(m[2]), Number(m[1]), m[3], c); return d ? { date: { start: addDays(d, -1), end: d, precision: 'range' }, explicitDay: true } : null; } },
    // в ночь с понедельника на вторник / в ночь на среду
    { re: re(`(?:${w.night})\\s+(?:(?:${w.from})\\s+\\p{L}+\\s+)?(?:${w.nightTo})\\s+${WD}`),
      resolve: (m, c) => {
        const r = refDay(c); if (!r) return null;
        const want = wd(m[1]); if (want < 0) return null;
        const d = weekdayBefore(r, want); if (!d) return null;
        return { date: { start: addDays(d, -1), end: d, precision: 'range' }, relative: true };
      } },
    // с 21 по 23 сентября; 21–23 сентября
    { re: re(`(?:(?:${w.from})\\s+)?${DAY}\\s*(?:[-–—]|\\s+(?:${w.rangeTo})\\s+)\\s*${DAY}\\s+${MONTH}${YEAR}`),
      resolve: (m, c) => { const mo = month(m[3]); const d = range(dayOf(mo, Number(m[1]), m[4], c), dayOf(mo, Number(m[2]), m[4], c)); return d && { date: d, explicitDay: true }; } },
    // 25.09.2022
    { re: re('(\\d{1,2})\\.(\\d{1,2})\\.((?:19|20)\\d{2})'),
      resolve: (m) => { const y = Number(m[3]), mo = Number(m[2]), d = Number(m[1]); return validDay(y, mo, d) ? { date: { start: iso(y, mo, d), precision: 'day' }, explicitDay: true } : null; } },
    { re: re('((?:19|20)\\d{2})-(\\d{2})-(\\d{2})'),
      resolve: (m) => { const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]); return validDay(y, mo, d) ? { date: { start: iso(y, mo, d), precision: 'day' }, explicitDay: true } : null; } },
    // 25 сентября (2022 года)
    { re: re(`${DAY}\\s+${MONTH}${YEAR}`),
      resolve: (m, c) => { const mo = month(m[2]); if (!mo) return null; const d = dayOf(mo, Number(m[1]), m[3], c); return d ? { date: { start: d, precision: 'day' }, explicitDay: true } : null; } },
    // в начале / в середине / в конце сентября
    { re: re(`(?:(?:${w.at})\\s+)?(${w.partOf.early}|${w.partOf.mid}|${w.partOf.late})\\s+${MONTH}${YEAR}`),
      resolve: (m, c) => {
        const mo = month(m[2]); if (!mo) return null;
        const y = m[3] ? Number(m[3]) : inferYearOfMonth(mo, c.published);
        const part = m[1]!.toLowerCase();
        const last = daysInMonth(y, mo);
        const [a, b] = new RegExp(`^(?:${w.partOf.early})$`, 'iu').test(part) ? [1, 10] : new RegExp(`^(?:${w.partOf.mid})$`, 'iu').test(part) ? [11, 20] : [21, last];
        return { date: { start: iso(y, mo, a), end: iso(y, mo, b), precision: 'range' } };
      } },
    // в сентябре (2022 года); сентябрь 2022
    { re: re(`(?:(?:${w.at})\\s+)?${MONTH}\\s+((?:19|20)\\d{2})`),
      resolve: (m) => { const mo = month(m[1]); return mo ? { date: { start: isoMonth(Number(m[2]), mo), precision: 'month' } } : null; } },
    { re: re(`(?<=(?:${w.at})\\s+)${MONTH}`),
      resolve: (m, c) => { const mo = month(m[1]); return mo ? { date: { start: isoMonth(inferYearOfMonth(mo, c.published), mo), precision: 'month' } } : null; } },
    // в 2021 году
    { re: re(`(?<=(?:${w.at})\\s+)((?:19|20)\\d{2})(?=\\s*(?:${w.yearWord}))`),
      resolve: (m) => ({ date: { start: m[1]!, precision: 'year' } }) },
    // с начала войны
    { re: re(`(?:${w.warStartPhrase})`),
      resolve: (_m, c) => (c.warStart ? { date: { start: c.warStart, precision: 'day' }, role: 'since' } : null) },
    // с начала мобилизации: a period from a known day, once that day has come
    ...w.sinceDays.map(([src, day]): Rule => ({
      re: re(`(?:${src})`),
      resolve: (_m, c) => (c.published === null || c.published >= day ? { date: { start: day, precision: 'day' }, role: 'since' } : null),
    })),
    // за последние пять дней; за последнюю неделю; за сутки
    { re: re(`(?:${w.overLast})\\s+(?:${SMALL}\\s+)?${UNIT}`),
      resolve: (m, c) => {
        const r = refDay(c); if (!r) return null;
        const n = m[1] ? small(m[1]) : 1; if (!Number.isFinite(n)) return null;
        return { date: { start: unitDays(m[2]!, n, r), end: r, precision: 'range' }, relative: true };
      } },
    // три дня назад
    { re: re(`${SMALL}\\s+${UNIT}\\s+(?:${w.ago})`),
      resolve: (m, c) => {
        const r = refDay(c); const n = small(m[1]); if (!r || !Number.isFinite(n)) return null;
        return { date: { start: unitDays(m[2]!, n, r), precision: 'day' }, relative: true };
      } },
    { re: re(`(?:${w.lastNight})`),
      resolve: (_m, c) => { const r = refDay(c); return r ? { date: { start: addDays(r, -1), end: r, precision: 'range' }, relative: true } : null; } },
    // вчера, сегодня, накануне, позавчера
    { re: re(`(${alt(Object.keys(w.relativeDays))})`),
      resolve: (m, c) => {
        const r = refDay(c); if (!r) return null;
        const back = w.relativeDays[m[1]!.toLowerCase()];
        return back === undefined ? null : { date: { start: addDays(r, -back), precision: 'day' }, relative: true };
      } },
    // в прошлом году / в этом месяце
    { re: re(`(${w.lastYear}|${w.thisYear}|${w.lastMonth}|${w.thisMonth})`),
      resolve: (m, c) => {
        const r = refDay(c); if (!r) return null;
        const s = m[1]!.toLowerCase();
        if (new RegExp(`^(?:${w.lastYear})$`, 'iu').test(s)) return { date: { start: String(Number(r.slice(0, 4)) - 1), precision: 'year' }, relative: true };
        if (new RegExp(`^(?:${w.thisYear})$`, 'iu').test(s)) return { date: { start: r.slice(0, 4), precision: 'year' }, relative: true };
        if (new RegExp(`^(?:${w.lastMonth})$`, 'iu').test(s)) return { date: { start: addMonths(r, -1).slice(0, 7), precision: 'month' }, relative: true };
        return { date: { start: r.slice(0, 7), precision: 'month' }, relative: true };
      } },
    // на прошлой неделе: the week is the speaker's, so it counts back from the publication
    ...(w.lastWeek ? [{ re: re(`(?:${w.lastWeek})`),
      resolve: (_m: RegExpExecArray, c: DateContext) => { const d = previousWeek(c.published ?? refDay(c)); return d ? { date: d, relative: true } : null; } }] : []),
    // на следующий день: one day after the day just told; unknown when nothing was told
    ...(w.nextDay ? [{ re: re(`(?:${w.nextDay})`),
      resolve: (_m: RegExpExecArray, c: DateContext) => { const d = dayAfterRef(c); return d ? { date: { start: d, precision: 'day' as const }, relative: true } : null; } }] : []),
    // через два дня, спустя неделю, двумя днями позже: counted from the day just told
    ...(w.laterBefore ? [{ re: re(`(?:${w.laterBefore})\\s+(?:${SMALL}\\s+)?${UNIT}`),
      resolve: (m: RegExpExecArray, c: DateContext) => laterBy(m[2]!, m[1] ? small(m[1]) : 1, c) }] : []),
    ...(w.laterAfter ? [{ re: re(`${SMALL}\\s+${UNIT}\\s+(?:${w.laterAfter})`),
      resolve: (m: RegExpExecArray, c: DateContext) => laterBy(m[2]!, small(m[1]), c) }] : []),
    // в понедельник, во вторник, у неділю: the latest such day not after the reference
    { re: re(`(?:${w.at})\\s+(?:\\p{L}+\\s+)?${WD}`),
      resolve: (m, c) => {
        const r = refDay(c); const want = wd(m[1]); if (!r || want < 0) return null;
        const d = weekdayBefore(r, want);
        return d ? { date: { start: d, precision: 'day' }, relative: true } : null;
      } },
  ];
  const built = { rules, w };
  ruleCache.set(w, built);
  return built;
}

// Clause breaks inside a sentence, to tell «с 6 февраля находившиеся на учениях» (a duration) from
// «с 24 февраля задержаны 13 297 человек» (the start of a counted period).
const CLAUSE = /[,;:]\s|\s[—–-]\s/gu;
function clauseAround(sentence: string, s: number, e: number): string {
  let a = 0;
  let b = sentence.length;
  CLAUSE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE.exec(sentence))) {
    if (m.index + m[0].length <= s) a = m.index + m[0].length;
    else if (m.index >= e) {
      b = m.index;
      break;
    }
  }
  return sentence.slice(a, b);
}

export function findCyrillicDates(w: CyrillicDateWords, sentence: string, offset: number, ctx: DateContext, lex: CompiledLexicon): DateMention[] {
  const { rules } = buildRules(w);
  const out: DateMention[] = [];
  const taken: [number, number][] = [];
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(sentence))) {
      if (m[0].length === 0) { rule.re.lastIndex++; continue; }
      const s = m.index, e = s + m[0].length;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      const r = rule.resolve(m, ctx);
      if (!r) continue;
      taken.push([s, e]);
      const before = sentence.slice(Math.max(0, s - 24), s);
      if (r.role === undefined && (w.untilBefore.test(before) || (r.relative === true && w.speechBefore.test(before)))) continue;
      let role: DateRole = r.role ?? (w.byBefore.test(before) ? 'by' : w.sinceBefore.test(before) ? 'since' : 'on');
      // «с DATE» is the start of a counted period only with a count or a tally cue; otherwise it
      // dates a state («находившиеся с 6 февраля на учениях») and is no event's date at all.
      if (role === 'since' && r.role === undefined) {
        const clause = clauseAround(sentence, s, e);
        const counted = /\d/u.test(clause.replace(m[0], '')) || lex.tallyCue.test(sentence);
        if (!counted) continue;
      }
      // «к середине марта» ends a period at the end of that part of the month; «к марту» is no day at all.
      if (role === 'by' && r.date.precision !== 'day' && r.date.precision !== 'range') role = 'on';
      out.push({ start: offset + s, end: offset + e, role, date: r.date, relative: r.relative ?? false, explicitDay: r.explicitDay ?? false });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** Words around numbers that the lexicon does not hold: partitives and elliptical predicates. */
export interface CyrillicNumberWords {
  /** After a number: «17 из них», «з них». */
  partitiveAfter: RegExp;
  /** Before a number: «из них не менее 2350». */
  partitiveBefore: RegExp;
  /** A verb right after a number: «2456 были задержаны». */
  elliptical: RegExp;
  /** «больше сотни», «более тысячи»: a vague word read as an exact number after these. */
  exactAfter: RegExp;
  /** «командир и 11 его подчинённых»: the one named before «и» joins the count (12). */
  companionBefore: RegExp;
  companionAfter: RegExp;
}

interface NumberRes { re: RegExp }
const numCache = new WeakMap<CompiledLexicon, NumberRes>();

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+').replace(/'/g, "['’ʼ]");
}

function numberRes(lex: CompiledLexicon): NumberRes {
  let r = numCache.get(lex);
  if (r) return r;
  const words = [...lex.numberWords.keys()].sort((a, b) => b.length - a.length).map(esc).join('|');
  const mults = [...lex.multipliers.keys()].sort((a, b) => b.length - a.length).map(esc).join('|') || '(?!)';
  const vague = [...lex.vagueNumbers.keys()].sort((a, b) => b.length - a.length).map(esc).join('|') || '(?!)';
  // 13 297 (space-grouped thousands), 1,311 is not Russian usage but appears in translations, 8,4 тыс.
  const digits = `(\\d{1,3}(?:[\\u0020\\u00a0\\u202f]\\d{3})+|\\d+(?:,\\d+)?)(?:\\s*(${mults})(?:\\.|(?![\\p{L}])))?`;
  const wordNum = `((?:${words})(?:\\s+(?:${words}|${mults}))*)`;
  r = { re: new RegExp(`(?<![\\p{L}\\p{N}.,:])(?:${digits}|${wordNum}|(${vague}))(?![\\p{L}\\p{N}]|[.,]\\d)`, 'giu') };
  numCache.set(lex, r);
  return r;
}

function parseWords(s: string, lex: CompiledLexicon): number {
  const toks = s.toLowerCase().replace(/[’ʼ]/g, "'").split(/\s+/).filter(Boolean);
  let total = 0, cur = 0;
  for (const t of toks) {
    const mult = lex.multipliers.get(t) ?? lex.multipliers.get(t.replace(/\.$/, ''));
    if (mult !== undefined) {
      total += (cur || 1) * mult;
      cur = 0;
      continue;
    }
    const v = lex.numberWords.get(t);
    if (v === undefined) return NaN;
    cur += v;
  }
  return total + cur;
}

const RANGE_AFTER = /\s*[-–—]\s*\d/y;
const RANGE_BEFORE = /\d\s*[-–—]\s*$/;

export function findCyrillicQuantities(nw: CyrillicNumberWords, sentence: string, offset: number, lex: CompiledLexicon): Quantity[] {
  const { re } = numberRes(lex);
  const out: Quantity[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence))) {
    const s = m.index;
    const e = s + m[0].length;
    let value: number;
    let vague = false;
    let qualifier: Qualifier = 'exact';
    const before = sentence.slice(Math.max(0, s - 30), s);
    if (m[1] !== undefined) {
      const raw = m[1].replace(/[\u0020\u00a0\u202f]/g, '');
      const mult = m[2] ? lex.multipliers.get(m[2].toLowerCase().replace(/\.$/, '')) ?? 1000 : 1;
      if (raw.includes(',') && !m[2]) continue; // a decimal: a sentence, a share, a sum
      value = Math.round(Number(raw.replace(',', '.')) * mult);
      if (!m[2] && /^(?:19|20)\d{2}$/.test(raw)) {
        lex.countNounRe.lastIndex = e;
        if (!lex.countNounRe.test(sentence)) continue; // a year
      }
    } else if (m[3] !== undefined) {
      value = parseWords(m[3], lex);
    } else {
      const word = m[4]!.toLowerCase().replace(/\s+/g, ' ');
      value = lex.vagueNumbers.get(word) ?? NaN;
      // «более ста», «больше сотни», «свыше тысячи»: after a comparative the word is one hundred.
      if (nw.exactAfter.test(before) && /^(?:сотн|тысяч|тисяч|сотен|сотні)/u.test(word) && !/(?:сотен|тысяч|тисяч)$/u.test(word)) vague = false;
      else vague = true;
    }
    if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) continue;
    if (lex.nonCountBefore.test(before) || RANGE_BEFORE.test(before)) continue;
    RANGE_AFTER.lastIndex = e;
    if (RANGE_AFTER.test(sentence)) continue;
    lex.nonCountAfter.lastIndex = e;
    if (lex.nonCountAfter.test(sentence)) continue;
    if (sentence[e] === ':' && /\d/.test(sentence[e + 1] ?? '')) continue; // a time of day
    if (/^-/.test(sentence.slice(e)) && /^-\p{L}/u.test(sentence.slice(e))) continue; // «21-летний», «25-річний»
    const q = lex.qualifierRe.exec(before);
    if (q) {
      const gi = q.slice(1).findIndex((g) => g !== undefined);
      if (gi >= 0) qualifier = lex.qualifierKeys[gi]!;
    }
    if (vague) qualifier = 'at_least';
    let form: Quantity['form'] = 'bare';
    let category: NounCategory | null = null;
    lex.countNounRe.lastIndex = e;
    const n = lex.countNounRe.exec(sentence);
    if (n) {
      form = 'noun';
      const gi = n.slice(1).findIndex((g) => g !== undefined);
      category = gi >= 0 ? lex.nounCats[gi]! : null;
    } else {
      nw.partitiveAfter.lastIndex = e;
      nw.elliptical.lastIndex = e;
      const beforeQ = q ? before.slice(0, q.index) : before;
      if (nw.partitiveAfter.test(sentence) || nw.partitiveBefore.test(beforeQ)) form = 'partitive';
      else if (nw.elliptical.test(sentence)) form = 'elliptical';
    }
    if (n && !vague && nw.companionBefore.test(before.slice(0, q ? q.index : before.length))) {
      nw.companionAfter.lastIndex = e;
      if (nw.companionAfter.test(sentence)) value += 1;
    }
    const qs = q ? s - (before.length - q.index) : s;
    out.push({ start: offset + qs, end: offset + (n ? e + n[0].length : e), value, qualifier, vague, form, category });
  }
  return out;
}

/** Build a Cyrillic pack from its date and number words. */
export function cyrillicPack(lang: Lang, dw: CyrillicDateWords, nw: CyrillicNumberWords): LanguagePack {
  return {
    lang,
    findDates: (sentence, offset, ctx, lex) => findCyrillicDates(dw, sentence, offset, ctx, lex),
    findQuantities: (sentence, offset, lex) => findCyrillicQuantities(nw, sentence, offset, lex),
  };
}

const RU_DATES: CyrillicDateWords = {
  months: [
    ['январ[ьяе]', 1], ['феврал[ьяе]', 2], ['март[ае]?', 3], ['апрел[ьяе]', 4], ['ма[йяе]', 5], ['июн[ьяе]', 6],
    ['июл[ьяе]', 7], ['август[ае]?', 8], ['сентябр[ьяе]', 9], ['октябр[ьяе]', 10], ['ноябр[ьяе]', 11], ['декабр[ьяе]', 12],
  ],
  weekdays: {
    понедельник: 1, вторник: 2, среду: 3, среда: 3, четверг: 4, пятницу: 5, пятница: 5, субботу: 6, суббота: 6, воскресенье: 0,
  },
  at: 'в|во',
  night: 'в\\s+ночь|ночью',
  from: 'с|со',
  nightTo: 'на',
  rangeTo: 'по|до|и',
  relativeDays: { вчера: 1, сегодня: 0, позавчера: 2, накануне: 1, 'днём ранее': 1, 'днем ранее': 1, 'на днях': 1, 'в тот же день': 0, 'того же дня': 0, 'той же ночью': 0, 'в ту же ночь': 0, 'тем же вечером': 0 },
  lastWeek: 'на\\s+(?:прошлой|минувшей|предыдущей)\\s+неделе',
  laterBefore: 'через|спустя',
  laterAfter: 'позже|позднее|спустя',
  nextDay: '(?:на\\s+)?(?:следующий|другой)\\s+день|на\\s+следующие\\s+сутки|(?:днём|днем|сутками)\\s+позже|спустя\\s+(?:день|сутки)',
  lastNight: '(?:этой|минувшей|прошлой|сегодняшней)\\s+ночью|(?:минувшей|прошлой)\\s+ночи|(?<!(?:той|той\\s+же|ту\\s+же)\\s+)ночью(?!\\s+(?:на|с|со)\\s)(?!\\s+\\d)',
  overLast: 'за\\s+(?:последн\\p{L}*|прошедш\\p{L}*|минувш\\p{L}*)',
  units: { day: 'дн|ден', week: 'недел', month: 'месяц', year: 'год|лет', night24: 'сут', hour: 'час' },
  ago: 'назад',
  warStartPhrase: '(?:с|со)\\s+(?:самого\\s+)?(?:начала|первого\\s+дня|первых\\s+дней)\\s+(?:полномасштабн\\p{L}*\\s+)?(?:войны|вторжения|СВО|спецоперации|специальной\\s+военной\\s+операции)|с\\s+момента\\s+(?:начала\\s+)?(?:войны|вторжения)',
  sinceDays: [['(?:с|со)\\s+(?:начала|объявления|момента\\s+объявления)\\s+(?:частичной\\s+)?мобилизации', '2022-09-21']],
  lastYear: 'в\\s+(?:прошлом|минувшем)\\s+году',
  thisYear: 'в\\s+этом\\s+году',
  lastMonth: 'в\\s+(?:прошлом|минувшем)\\s+месяце',
  thisMonth: 'в\\s+этом\\s+месяце',
  partOf: { early: 'начале|началу', mid: 'середине|середину', late: 'конце|концу' },
  yearWord: 'года|году|год|г\\.',
  byBefore: /(?<![\p{L}])(?:к|ко|по\s+состоянию\s+на|на\s+момент)\s+$/iu,
  sinceBefore: /(?<![\p{L}])(?:с|со|начиная\s+с|от)\s+$/iu,
  untilBefore: /(?<![\p{L}])(?:до|вплоть\s+до|не\s+позднее)\s+$/iu,
  speechBefore: /(?<![\p{L}])(?:заявил|сообщил|рассказал|написал|сказал|уточнил|добавил|отметил|подтвердил|пояснил|объявил)\p{L}*\s+$/iu,
  smallNumbers: {
    один: 1, одну: 1, одна: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9, десять: 10,
    двое: 2, трое: 3, двух: 2, трёх: 3, трех: 3, пяти: 5, десяти: 10, двумя: 2, тремя: 3, четырьмя: 4, пятью: 5,
  },
};

export const RU_NUMBERS: CyrillicNumberWords = {
  partitiveAfter: /\s+из\s+(?:них|которых|этих|задержанных|\p{L}+ых)(?![\p{L}])/uy,
  partitiveBefore: /(?:из|среди)\s+(?:них|которых|этих|задержанных)[\s,—–-]*$/iu,
  elliptical: /\s+(?:были|был|была|было|будут|оказались|получили|остаются|остались|задержаны|арестованы|осуждены|отправлены)(?![\p{L}])/uy,
  exactAfter: /(?:более|больше|свыше|около|почти|порядка|менее|меньше|до|примерно|не\s+менее|не\s+меньше)\s*$/iu,
  companionBefore: /\p{L}\s+и\s+$/u,
  companionAfter: /\s+(?:его|её|ее|их)\s/uy,
};

export const ru: LanguagePack = cyrillicPack('ru', RU_DATES, RU_NUMBERS);
