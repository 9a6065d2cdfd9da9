/**
 * English language pack: dates and numbers. Written as rules rather than chrono-node because chrono
 * picks the nearest year (even a future one) and misreads ranges and "the night of"; our rules
 * resolve years towards the past and know the war's reference points.
 */
import { addDays, addMonths, bounds, dayAfterRef, daysAfterRef, daysInMonth, inferYear, inferYearOfMonth, iso, isoMonth, parseIsoDay, previousWeek, validDay } from '../dates.js';
import type { CompiledLexicon, NounCategory } from '../lexicon.js';
import type { DateSpan, Qualifier } from '../record.js';
import type { DateContext, DateMention, DateRole, LanguagePack, Quantity } from './types.js';

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12, jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
  nov: 11, dec: 12,
};
// Month names are matched case-sensitively (capitalised) so "may" and "march" as words do not count.
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\\.|(?![A-Za-z]))';
const ORD = '(?:st|nd|rd|th)?';
const DAY = `(\\d{1,2})${ORD}`;
const YEAR = '(?:,?\\s+((?:19|20)\\d{2}))?';
const WAR = '(?:the\\s+)?(?:full-scale\\s+|russian\\s+|large-scale\\s+|russia[’\']s\\s+)?(?:war(?:\\s+of\\s+aggression)?|invasion|hostilities|special\\s+(?:military\\s+)?operation|aggression|conflict|fighting)';
const NUMW = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|a|\\d+)';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SMALL: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30,
};

type Resolver = (m: RegExpExecArray, ctx: DateContext) => { date: DateSpan; relative?: boolean; explicitDay?: boolean; role?: DateRole } | null;
/** `needs`: a cheap test the sentence must pass before the rule's regex runs (most sentences have no date). */
interface Rule { re: RegExp; resolve: Resolver; needs?: Gate }
type Gate = 'digit' | 'month' | 'war' | 'rel' | 'day';

const month = (s: string | undefined): number => MONTHS[(s ?? '').toLowerCase().replace('.', '')] ?? 0;
const num = (s: string | undefined): number => (s === undefined ? NaN : /^\d+$/.test(s) ? Number(s) : SMALL[s.toLowerCase()] ?? NaN);

function dayOf(mo: number, d: number, y: string | undefined, ctx: DateContext): string | null {
  const year = y ? Number(y) : inferYear(mo, d, ctx.published);
  return validDay(year, mo, d) ? iso(year, mo, d) : null;
}
function range(a: string | null, b: string | null): DateSpan | null {
  if (!a || !b) return null;
  return a <= b ? { start: a, end: b, precision: 'range' } : { start: b, end: a, precision: 'range' };
}
const day = (d: string | null): DateSpan | null => (d ? { start: d, precision: 'day' } : null);
const refDay = (ctx: DateContext): string | null => ctx.ref ?? ctx.published;

/** Ordered: earlier rules win where spans overlap. */
const RULES: Rule[] = [
  // between 24th and 28th of February; from 5 to 7 March
  { re: new RegExp(`\\b(?:between|from)\\s+(?:the\\s+)?${DAY}\\s+(?:and|to|until|till|-|–)\\s+(?:the\\s+)?${DAY}\\s+(?:of\\s+)?${MONTH}${YEAR}`, 'g'),
    resolve: (m, c) => { const mo = month(m[3]); const d = range(dayOf(mo, Number(m[1]), m[4], c), dayOf(mo, Number(m[2]), m[4], c)); return d && { date: d, explicitDay: true }; } },
  // the night of 21 to 22 September / the night of Sept. 22
  { re: new RegExp(`\\b(?:on\\s+)?the\\s+night\\s+(?:of|from)\\s+(?:the\\s+)?${DAY}\\s+(?:to|into|and|-|–)\\s+(?:the\\s+)?${DAY}\\s+(?:of\\s+)?${MONTH}${YEAR}`, 'g'),
    resolve: (m, c) => { const mo = month(m[3]); const d = range(dayOf(mo, Number(m[1]), m[4], c), dayOf(mo, Number(m[2]), m[4], c)); return d && { date: d, explicitDay: true }; } },
  { re: new RegExp(`\\b(?:on\\s+)?the\\s+night\\s+(?:of|before)\\s+(?:${MONTH}\\s+${DAY}|(?:the\\s+)?${DAY}\\s+(?:of\\s+)?${MONTH})${YEAR}`, 'g'),
    resolve: (m, c) => {
      const mo = month(m[1] ?? m[4]); const dd = Number(m[2] ?? m[3]); const d0 = dayOf(mo, dd, m[5], c);
      return d0 ? { date: { start: d0, end: addDays(d0, 1), precision: 'range' }, explicitDay: true } : null;
    } },
  // 24-28 February; 5 to 7 March
  { re: new RegExp(`\\b${DAY}\\s*(?:[-–]|\\s+(?:to|and|until)\\s+)\\s*${DAY}\\s+(?:of\\s+)?${MONTH}${YEAR}`, 'g'),
    resolve: (m, c) => { const mo = month(m[3]); const d = range(dayOf(mo, Number(m[1]), m[4], c), dayOf(mo, Number(m[2]), m[4], c)); return d && { date: d, explicitDay: true }; } },
  // between March 5 and March 7 / from March 5 to 7
  { re: new RegExp(`\\b(?:between|from)\\s+${MONTH}\\s+${DAY}\\s+(?:and|to|until|till|-|–)\\s+(?:${MONTH}\\s+)?${DAY}(?!\\d)${YEAR}`, 'g'),
    resolve: (m, c) => { const m1 = month(m[1]); const m2 = m[3] ? month(m[3]) : m1; const d = range(dayOf(m1, Number(m[2]), m[5], c), dayOf(m2, Number(m[4]), m[5], c)); return d && { date: d, explicitDay: true }; } },
  // March 5-7
  { re: new RegExp(`\\b${MONTH}\\s+${DAY}\\s*[-–]\\s*${DAY}(?!\\d)${YEAR}`, 'g'),
    resolve: (m, c) => { const mo = month(m[1]); const d = range(dayOf(mo, Number(m[2]), m[4], c), dayOf(mo, Number(m[3]), m[4], c)); return d && { date: d, explicitDay: true }; } },
  // ISO and dotted numeric days
  { re: /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/g,
    resolve: (m) => { const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]); return validDay(y, mo, d) ? { date: { start: iso(y, mo, d), precision: 'day' }, explicitDay: true } : null; } },
  { re: /\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b/g,
    resolve: (m) => { const y = Number(m[3]), mo = Number(m[2]), d = Number(m[1]); return validDay(y, mo, d) ? { date: { start: iso(y, mo, d), precision: 'day' }, explicitDay: true } : null; } },
  // 25 September (2022); 25th of September
  { re: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}${YEAR}(?![\\p{L}])`, 'gu'),
    resolve: (m, c) => { const d = day(dayOf(month(m[2]), Number(m[1]), m[3], c)); return d && { date: d, explicitDay: true }; } },
  // September 25(th)(, 2022)
  { re: new RegExp(`\\b${MONTH}\\s+${DAY}(?!\\d|:\\d)${YEAR}`, 'g'),
    resolve: (m, c) => { const d = day(dayOf(month(m[1]), Number(m[2]), m[3], c)); return d && { date: d, explicitDay: true }; } },
  // early/mid/late March; the end of March
  { re: new RegExp(`\\b(early|mid|late|(?:the\\s+)?(?:end|beginning|start|middle|first\\s+half|second\\s+half|first\\s+days|last\\s+days)\\s+of)[\\s-]+${MONTH}${YEAR}`, 'g'),
    resolve: (m, c) => {
      const mo = month(m[2]); const y = m[3] ? Number(m[3]) : inferYearOfMonth(mo, c.published);
      const part = m[1]!.toLowerCase().replace(/^the\s+/, '').replace(/\s+of$/, '').replace(/\s+/g, ' ');
      const last = daysInMonth(y, mo);
      const [a, b] = part === 'early' || part === 'beginning' || part === 'start' || part === 'first days' ? [1, 10]
        : part === 'mid' || part === 'middle' ? [11, 20]
          : part === 'first half' ? [1, 15] : part === 'second half' ? [16, last] : [21, last];
      return { date: { start: iso(y, mo, a), end: iso(y, mo, b), precision: 'range' } };
    } },
  // March 2022
  { re: new RegExp(`\\b${MONTH}\\s+((?:19|20)\\d{2})\\b`, 'g'),
    resolve: (m) => ({ date: { start: isoMonth(Number(m[2]), month(m[1])), precision: 'month' } }) },
  // in March (bare month names only after a preposition)
  { re: new RegExp(`(?<=\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Tt]ill|[Tt]hrough|[Tt]hroughout|[Oo]f|[Ff]rom|[Oo]n|[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate|[Bb]efore|[Aa]fter)\\s+)${MONTH}(?![\\s-]*\\d)`, 'g'),
    resolve: (m, c) => { const mo = month(m[1]); return { date: { start: isoMonth(inferYearOfMonth(mo, c.published), mo), precision: 'month' } }; } },
  // between February and October (of the same year)
  { re: new RegExp(`\\b(?:between|from)\\s+${MONTH}\\s+(?:and|to|until|till|through)\\s+${MONTH}(?:\\s+((?:19|20)\\d{2}))?(?![\\s-]*\\d)`, 'g'),
    resolve: (m, c) => {
      const m1 = month(m[1]), m2 = month(m[2]);
      const y2 = m[3] ? Number(m[3]) : inferYearOfMonth(m2, c.published);
      const y1 = m1 <= m2 ? y2 : y2 - 1;
      return { date: { start: isoMonth(y1, m1), end: isoMonth(y2, m2), precision: 'range' } };
    } },
  // over the weekend: the last Saturday and Sunday up to the reference day
  { re: /\b(?:over|during|at|on)\s+the\s+(?:past\s+|last\s+)?weekend\b|\blast\s+weekend\b/gi,
    resolve: (_m, c) => {
      const r = refDay(c); const p = parseIsoDay(r); if (!r || !p) return null;
      const dow = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
      const sun = addDays(r, -((dow + 7) % 7));
      return { date: { start: addDays(sun, -1), end: sun, precision: 'range' }, relative: true };
    } },
  // since the spring; in the summer (of 2022)
  { re: /\b(since|in|during|over|throughout|by)\s+(?:the\s+)?(?:(early|late)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?((?:19|20)\d{2}))?\b/gi,
    resolve: (m, c) => {
      const season = m[3]!.toLowerCase();
      const first = season === 'spring' ? 3 : season === 'summer' ? 6 : season === 'winter' ? 12 : 9;
      const r = parseIsoDay(c.published);
      let y = m[4] ? Number(m[4]) : r ? r.y : new Date().getUTCFullYear();
      if (!m[4] && r && iso(y, first, 1) > iso(r.y, r.m, r.d)) y--;
      const start = iso(y, first, 1);
      const endMonth = addMonths(start, 2);
      const end = iso(Number(endMonth.slice(0, 4)), Number(endMonth.slice(5, 7)), daysInMonth(Number(endMonth.slice(0, 4)), Number(endMonth.slice(5, 7))));
      const role: DateRole = m[1]!.toLowerCase() === 'since' ? 'since' : m[1]!.toLowerCase() === 'by' ? 'by' : 'on';
      return { date: { start, end, precision: 'range' }, role };
    } },
  // 2014–2015
  { re: /\b((?:19|20)\d{2})\s*[–-]\s*((?:19|20)\d{2})\b/g,
    resolve: (m) => ({ date: { start: m[1]!, end: m[2]!, precision: 'range' } }) },
  // in 2021
  { re: /(?<=\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Oo]f|[Ff]rom|[Tt]hroughout|[Ee]arly|[Ll]ate)\s+(?:the\s+year\s+)?)((?:19|20)\d{2})(?![\d-])/g,
    resolve: (m) => ({ date: { start: m[1]!, precision: 'year' } }) },
  // in the month since the outbreak of hostilities; over the month since Russian troops invaded
  { re: new RegExp(`\\b(?:in|during|over|for)\\s+the\\s+(?:first\\s+)?(month|week|two\\s+weeks|three\\s+weeks|\\w+\\s+months)\\s+(?:since|after|of)\\s+(?:the\\s+)?(?:(?:start|beginning|outbreak|onset)\\s+of\\s+${WAR}|${WAR}|[\\w\\s]{0,30}?invaded)`, 'gi'),
    resolve: (m, c) => {
      if (!c.warStart) return null;
      const unit = m[1]!.toLowerCase();
      const end = unit === 'month' ? addMonths(c.warStart, 1) : unit === 'week' ? addDays(c.warStart, 7)
        : /weeks/.test(unit) ? addDays(c.warStart, 7 * (num(unit.split(/\s+/)[0]) || 2))
          : addMonths(c.warStart, num(unit.split(/\s+/)[0]) || 1);
      return { date: { start: c.warStart, end, precision: 'range' }, relative: true };
    } },
  // since the start of the war
  { re: new RegExp(`\\bsince\\s+(?:the\\s+)?(?:very\\s+)?(?:start|beginning|outbreak|first\\s+days?|onset)\\s+of\\s+${WAR}|\\bsince\\s+${WAR}\\s+(?:began|started)|\\bsince\\s+(?:russia\\s+invaded|the\\s+(?:full-scale\\s+)?invasion)`, 'gi'),
    resolve: (_m, c) => (c.warStart ? { date: { start: c.warStart, precision: 'day' }, role: 'since' } : null) },
  // during 21 days of the conflict; in the first week of hostilities; in the early days of the war
  { re: new RegExp(`\\b(?:during|in|over|for)\\s+(?:the\\s+)?(?:first\\s+)?(\\d+|${NUMW})\\s+(days|weeks)\\s+of\\s+${WAR}`, 'gi'),
    resolve: (m, c) => {
      if (!c.warStart) return null;
      const n = num(m[1]); if (!Number.isFinite(n)) return null;
      return { date: { start: c.warStart, end: addDays(c.warStart, m[2]!.toLowerCase() === 'days' ? n : 7 * n), precision: 'range' }, relative: true };
    } },
  { re: new RegExp(`\\b(?:during|in|over)\\s+the\\s+(?:first|early|opening|initial)\\s+(week|days|weeks|month|hours)\\s+of\\s+${WAR}`, 'gi'),
    resolve: (m, c) => {
      if (!c.warStart) return null;
      const u = m[1]!.toLowerCase();
      const end = u === 'week' ? addDays(c.warStart, 6) : u === 'days' ? addDays(c.warStart, 13) : u === 'weeks' ? addDays(c.warStart, 20)
        : u === 'hours' ? addDays(c.warStart, 1) : addMonths(c.warStart, 1);
      return { date: { start: c.warStart, end, precision: 'range' }, relative: true };
    } },
  // on the very first day (of the war)
  { re: new RegExp(`\\b(?:on\\s+)?the\\s+(?:very\\s+)?first\\s+day(?:\\s+of\\s+${WAR})?`, 'gi'),
    resolve: (_m, c) => (c.warStart ? { date: { start: c.warStart, precision: 'day' }, relative: true } : null) },
  // in the last 24 hours; over the past three days
  { re: new RegExp(`\\b(?:in|over|during|within)\\s+the\\s+(?:last|past|previous)\\s+(\\d+|${NUMW})?\\s*(hours?|days?|weeks?|months?|day)`, 'gi'),
    resolve: (m, c) => {
      const r = refDay(c); if (!r) return null;
      const n = m[1] ? num(m[1]) : 1; if (!Number.isFinite(n)) return null;
      const u = m[2]!.toLowerCase();
      const start = u.startsWith('hour') ? addDays(r, -Math.max(1, Math.ceil(n / 24))) : u.startsWith('day') ? addDays(r, -n)
        : u.startsWith('week') ? addDays(r, -7 * n) : addMonths(r, -n);
      return { date: { start, end: r, precision: 'range' }, relative: true };
    } },
  // three days ago
  { re: new RegExp(`\\b(\\d+|${NUMW})\\s+(days?|weeks?|months?|years?)\\s+ago\\b`, 'gi'),
    resolve: (m, c) => {
      const r = refDay(c); const n = num(m[1]); if (!r || !Number.isFinite(n)) return null;
      const u = m[2]!.toLowerCase();
      if (u.startsWith('day')) return { date: { start: addDays(r, -n), precision: 'day' }, relative: true };
      if (u.startsWith('week')) return { date: { start: addDays(r, -7 * n - 3), end: addDays(r, -7 * n + 3), precision: 'range' }, relative: true };
      if (u.startsWith('month')) return { date: { start: addMonths(r, -n).slice(0, 7), precision: 'month' }, relative: true };
      return { date: { start: String(Number(r.slice(0, 4)) - n), precision: 'year' }, relative: true };
    } },
  // the next day, the following day: one day after the day just told (unknown when none was)
  { re: /\b(?:(?:on\s+)?the\s+(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after(?!\s+(?:the|his|her|their|a|an|[A-Z0-9])))\b/gi,
    resolve: (_m, c) => { const d = dayAfterRef(c); return d ? { date: { start: d, precision: 'day' }, relative: true } : null; } },
  // two days later, a week later: counted from the day just told (unknown when none was)
  { re: new RegExp(`\\b(\\d+|${NUMW})\\s+(days?|weeks?)\\s+later\\b`, 'gi'),
    resolve: (m, c) => {
      const n = num(m[1]); const d = daysAfterRef(c, m[2]!.toLowerCase().startsWith('week') ? 7 * n : n);
      return d ? { date: { start: d, precision: 'day' }, relative: true } : null;
    } },
  // the same day/night, that day/weekend, by the end of the day: the paragraph's reference day (the act told before)
  { re: /\b(?:the\s+same\s+(?:day|night|evening|morning|afternoon)|that\s+(?:same\s+)?(?:day|night|evening|morning|afternoon|weekend)|the\s+end\s+of\s+the\s+day)\b/gi,
    resolve: (_m, c) => { const r = refDay(c); return r ? { date: { start: r, precision: 'day' }, relative: true } : null; } },
  { re: /\b(yesterday|today|the day before yesterday|last night|this morning|tonight)\b/gi,
    resolve: (m, c) => {
      const r = refDay(c); if (!r) return null;
      const w = m[1]!.toLowerCase();
      const d = w === 'yesterday' || w === 'last night' ? addDays(r, -1) : w === 'the day before yesterday' ? addDays(r, -2) : r;
      return { date: { start: d, precision: 'day' }, relative: true };
    } },
  // earlier in the year / earlier this month
  { re: /\bearlier\s+(?:in\s+)?(?:this|the)\s+(year|month)\b/gi,
    resolve: (m, c) => {
      const r = refDay(c); if (!r) return null;
      const start = m[1]!.toLowerCase() === 'year' ? `${r.slice(0, 4)}-01-01` : `${r.slice(0, 7)}-01`;
      return { date: { start, end: r, precision: 'range' }, relative: true };
    } },
  // last week: the calendar week before the publication week; the next day: after the day told
  { re: /\b(?:last|past)\s+week\b|\bthe\s+(?:previous|past)\s+week\b/gi,
    resolve: (_m, c) => { const w = previousWeek(c.published ?? c.ref); return w ? { date: w, relative: true } : null; } },
  { re: /\b(?:the\s+(?:next|following)\s+day|the\s+day\s+after|a\s+day\s+later)\b/gi,
    resolve: (_m, c) => { const d = dayAfterRef(c); return d ? { date: { start: d, precision: 'day' }, relative: true } : null; } },
  { re: /\b(this|last)\s+(year|month|week)\b/gi,
    resolve: (m, c) => {
      const r = refDay(c); if (!r) return null;
      const last = m[1]!.toLowerCase() === 'last'; const u = m[2]!.toLowerCase();
      if (u === 'year') return { date: { start: String(Number(r.slice(0, 4)) - (last ? 1 : 0)), precision: 'year' }, relative: true };
      if (u === 'month') return { date: { start: (last ? addMonths(r, -1) : r).slice(0, 7), precision: 'month' }, relative: true };
      // "last week" is the speaker's: the calendar week (Monday to Sunday) before the publication's.
      const lw = last ? previousWeek(c.published ?? r) : null;
      return { date: lw ?? { start: addDays(r, -6), end: r, precision: 'range' }, relative: true };
    } },
  // on Monday / last Tuesday: the latest such weekday not after the reference day
  { re: /\b(?:[Oo]n|[Ll]ast|[Tt]his\s+past)\s+(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g,
    resolve: (m, c) => {
      const r = refDay(c); const p = parseIsoDay(r); if (!r || !p) return null;
      const want = WEEKDAYS.indexOf(m[1]!.toLowerCase());
      const have = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
      return { date: { start: addDays(r, -((have - want + 7) % 7)), precision: 'day' }, relative: true };
    } },
];

const BY_BEFORE = /\b(?:by|as\s+of|as\s+at|up\s+to|until|till|through|before)\s+(?:the\s+)?$/i;
const SINCE_BEFORE = /\b(?:since|starting|beginning)\s+(?:the\s+)?$/i;

const MONTH_GATE = new RegExp(`${MONTH}`);
const WAR_GATE = /war|invasion|hostilities|operation|aggression|conflict|fighting|invaded|first\s+day/i;
const REL_GATE = /\b(?:week|next|following|after|later|spring|summer|autumn|fall|winter|last|past|previous|ago|yesterday|today|tonight|night|morning|evening|day|earlier|this|that|same|on|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/i;
const DAY_GATE = /\b(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/;

/** Which cheap test a rule needs, read off its pattern once. */
function gateOf(re: RegExp): Gate | undefined {
  const src = re.source;
  if (src.includes('Sunday|Monday')) return 'day';
  if (src.includes('January|February')) return 'month';
  if (src.includes('war(?:\\s+of') || src.includes('first\\s+day')) return 'war';
  if (src.includes('(?:one|two|three')) return 'rel'; // "the last three days", "two weeks ago"
  if (src.includes('\\d')) return 'digit';
  return 'rel';
}
for (const r of RULES) r.needs = gateOf(r.re);

function findDates(sentence: string, offset: number, ctx: DateContext): DateMention[] {
  const out: DateMention[] = [];
  const taken: [number, number][] = [];
  const has: Record<Gate, boolean> = {
    digit: /\d/.test(sentence), month: MONTH_GATE.test(sentence), war: WAR_GATE.test(sentence),
    rel: REL_GATE.test(sentence), day: DAY_GATE.test(sentence),
  };
  if (!has.digit && !has.month && !has.war && !has.rel) return out;
  for (const rule of RULES) {
    if (rule.needs && !has[rule.needs]) continue;
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
      const role: DateRole = r.role ?? (BY_BEFORE.test(before) ? 'by' : SINCE_BEFORE.test(before) ? 'since' : 'on');
      out.push({ start: offset + s, end: offset + e, role, date: r.date, relative: r.relative ?? false, explicitDay: r.explicitDay ?? false });
    }
  }
  out.sort((a, b) => a.start - b.start);
  return joinRanges(sentence, offset, out);
}

/** "between late February and mid-March", "from 5 March to 2 April": two dates joined into one range. */
function joinRanges(sentence: string, offset: number, ds: DateMention[]): DateMention[] {
  for (let i = 0; i + 1 < ds.length; i++) {
    const a = ds[i]!, b = ds[i + 1]!;
    const between = sentence.slice(a.end - offset, b.start - offset);
    const before = sentence.slice(Math.max(0, a.start - offset - 12), a.start - offset);
    if (!/^\s*(?:and|to|until|till|through|-|–)\s*$/i.test(between) || !/\b(?:between|from)\s+$/i.test(before)) continue;
    const start = a.date.start, end = b.date.end ?? b.date.start;
    if (!start || !end) continue;
    ds.splice(i, 2, { start: a.start, end: b.end, role: a.role, date: { start: bounds(start)[0], end: bounds(end)[1], precision: 'range' }, relative: a.relative || b.relative, explicitDay: false });
  }
  return ds;
}

// ---------------------------------------------------------------------------------------------
// Numbers

interface NumberRes { wordRe: RegExp; gate: RegExp }
const numCache = new WeakMap<CompiledLexicon, NumberRes>();

function numberRes(lex: CompiledLexicon): NumberRes {
  let r = numCache.get(lex);
  if (r) return r;
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  const words = [...lex.numberWords.keys()].sort((a, b) => b.length - a.length).map(esc).join('|');
  const mults = [...lex.multipliers.keys()].filter((k) => k.length > 1).map(esc).join('|') || '(?!)';
  const vague = [...lex.vagueNumbers.keys()].sort((a, b) => b.length - a.length).map(esc).join('|') || '(?!)';
  const digits = `(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s*(${mults}|k)(?![\\p{L}]))?`;
  const wordNum = `((?:${words})(?:(?:\\s+|-)(?:and\\s+)?(?:${words}|${mults}))*)`;
  const firstWords = [...new Set([...lex.numberWords.keys(), ...lex.vagueNumbers.keys()].map((k) => k.split(' ')[0]!))].map(esc).join('|');
  r = { gate: new RegExp(`\\d|\\b(?:${firstWords})`, 'i'), wordRe: new RegExp(`(?<![\\p{L}\\p{N}.,:/])(?:${digits}|${wordNum}|(${vague})(?=\\s+\\p{L}))(?![\\p{L}\\p{N}]|[.,]\\d)`, 'giu') };
  numCache.set(lex, r);
  return r;
}

function parseWords(s: string, lex: CompiledLexicon): number {
  const toks = s.toLowerCase().split(/[\s-]+/).filter((t) => t && t !== 'and');
  let total = 0, cur = 0;
  for (let i = 0; i < toks.length; i++) {
    const two = i + 1 < toks.length ? `${toks[i]} ${toks[i + 1]}` : '';
    if (two && lex.numberWords.has(two)) { cur += lex.numberWords.get(two)!; i++; continue; }
    const t = toks[i]!;
    const mult = lex.multipliers.get(t);
    if (mult !== undefined) {
      if (mult === 100) cur = (cur || 1) * 100;
      else { total += (cur || 1) * mult; cur = 0; }
      continue;
    }
    const v = lex.numberWords.get(t);
    if (v === undefined) return NaN;
    cur += v;
  }
  return total + cur;
}

const PARTITIVE = /\s+of\s+(?:them|those|whom|these|the\s+[\p{L}-]+|us)(?![\p{L}])/uy;
const ELLIPTICAL = /\s+(?:were|was|are|is|have|has|had|remain|remained|got|will)(?![\p{L}])/uy;
const RANGE_AFTER = /\s*[-–]\s*\d/y;
const RANGE_BEFORE = /\d\s*[-–]\s*$|\b(?:aged|ages?|between|from)\s+\d+\s+(?:to|and|or)\s+$/i;

function findQuantities(sentence: string, offset: number, lex: CompiledLexicon): Quantity[] {
  const { wordRe, gate } = numberRes(lex);
  const out: Quantity[] = [];
  if (!gate.test(sentence)) return out;
  wordRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = wordRe.exec(sentence))) {
    const s = m.index;
    let e = s + m[0].length;
    let value: number;
    let vague = false;
    let qualifier: Qualifier = 'exact';
    if (m[1] !== undefined) {
      if (m[1].includes('.') && !m[2]) continue; // decimals: article numbers, money
      value = Number(m[1].replace(/,/g, ''));
      if (m[2]) value *= lex.multipliers.get(m[2].toLowerCase()) ?? 1000;
      if (!m[2] && !m[1].includes(',') && /^(?:19|20)\d{2}$/.test(m[1])) {
        lex.countNounRe.lastIndex = e;
        if (!lex.countNounRe.test(sentence)) continue; // a year
      }
    } else if (m[3] !== undefined) {
      value = parseWords(m[3], lex);
      if (/^a\s+dozen$|^dozen$/i.test(m[3])) qualifier = 'about';
    } else {
      value = lex.vagueNumbers.get(m[4]!.toLowerCase().replace(/\s+/g, ' ')) ?? NaN;
      vague = true;
      qualifier = 'at_least';
      e += /^\s+of(?![\p{L}])/u.exec(sentence.slice(e))?.[0].length ?? 0;
    }
    if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) continue;
    const before = sentence.slice(Math.max(0, s - 30), s);
    if (lex.nonCountBefore.test(before) || RANGE_BEFORE.test(before)) continue;
    RANGE_AFTER.lastIndex = e;
    if (RANGE_AFTER.test(sentence)) continue;
    lex.nonCountAfter.lastIndex = e;
    if (lex.nonCountAfter.test(sentence)) continue;
    if (sentence[e] === ':' && /\d/.test(sentence[e + 1] ?? '')) continue; // a time of day
    const q = lex.qualifierRe.exec(before);
    if (q && !vague) {
      const gi = q.slice(1).findIndex((g) => g !== undefined);
      if (gi >= 0) qualifier = lex.qualifierKeys[gi]!;
    }
    let form: Quantity['form'] = 'bare';
    let category: NounCategory | null = null;
    lex.countNounRe.lastIndex = e;
    const n = lex.countNounRe.exec(sentence);
    if (n) {
      form = 'noun';
      const gi = n.slice(1).findIndex((g) => g !== undefined);
      category = gi >= 0 ? lex.nounCats[gi]! : null;
    } else {
      PARTITIVE.lastIndex = e;
      ELLIPTICAL.lastIndex = e;
      if (PARTITIVE.test(sentence)) form = 'partitive';
      else if (ELLIPTICAL.test(sentence)) form = 'elliptical';
      // "detained the pair": a definite number word (numberWords "the pair") is itself a group of people.
      else if (m[3] !== undefined && /^the\s/i.test(m[3])) { form = 'noun'; category = 'people'; }
    }
    const qs = q && !vague ? s - (before.length - q.index) : s;
    out.push({ start: offset + qs, end: offset + (n ? e + n[0].length : e), value, qualifier, vague, form, category });
  }
  return out;
}

export const en: LanguagePack = {
  lang: 'en',
  findDates: (sentence, offset, ctx) => findDates(sentence, offset, ctx),
  findQuantities,
};
