/**
 * The resolution core, free of I/O: when are two records one happening, and an in-memory resolver
 * that clusters a stream of records through blocking buckets (kind, type group, country, region,
 * week), so each record is compared with a few candidates and never with everything.
 *
 * The same `matchScore` decides in the database path (src/resolve/index.ts), where the candidates
 * come from an indexed query instead of the buckets.
 */
import { dateInterval, jaccard, normActor, settlementKey, stemBag, typeDistance, typeGroup } from './features.js';

/** The fields resolution reads; records and events both have them. */
export interface MatchInput {
  kind: string;
  type: string;
  date_start: string | null;
  date_end: string | null;
  date_precision: string;
  country: string | null;
  region: string | null;
  settlement: string | null;
  counts: Record<string, number>;
  measure: string | null;
  value: number | null;
  actors: string[];
  target: string | null;
  summary: string;
  evidence_text?: string;
  /** Records of one document are never one event (extraction already merged what the text repeats). */
  document_id?: number;
}

export interface Features {
  kind: string;
  type: string;
  group: string;
  lo: number | null;
  hi: number | null;
  country: string | null;
  region: string | null;
  settlement: string | null;
  counts: Record<string, number>;
  measure: string | null;
  value: number | null;
  actors: string[];
  target: string | null;
  stems: number[];
  doc: number | null;
  /** Blocking keys, computed once (see MemoryResolver). */
  bases?: string[];
}

export function features(r: MatchInput): Features {
  const iv = dateInterval(r.date_start, r.date_end, r.date_precision);
  return {
    kind: r.kind,
    type: r.type,
    group: typeGroup(r.type),
    lo: iv ? iv[0] : null,
    hi: iv ? iv[1] : null,
    country: r.country,
    region: r.region,
    settlement: settlementKey(r.settlement),
    counts: r.counts,
    measure: r.measure,
    value: r.value,
    actors: r.actors.map(normActor).filter(Boolean),
    target: r.target,
    stems: stemBag(`${r.summary} ${r.evidence_text ?? ''}`),
    doc: r.document_id ?? null,
  };
}

/** A pair scoring at least this is one happening. Tuned on the dev pairs (test/resolve/pairs.json). */
export const MATCH_THRESHOLD = 4.5;
/** Tally claims (same measure) are one claim when the values differ by at most this share... */
export const TALLY_VALUE_TOLERANCE = 0.05;
/** ...and their "as of" days by at most this many days. */
export const TALLY_ASOF_DAYS = 7;
/** How much better the best cluster must fit a record without a settlement than the next one. */
export const AMBIGUITY_MARGIN = 1;
/** Day-precision dates may differ by one day (time zones, "the night of"). */
const DAY_SLACK = 1;

const close = (x: number, y: number, tol: number): boolean => Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y));

/**
 * Hard constraints: kind, compatible type, no contradicting place (a settlement inside a region is
 * compatible with that region), overlapping dates (respecting precision: "in May" contains 12 May).
 */
export function compatible(a: Features, b: Features): boolean {
  if (a.kind !== b.kind) return false;
  if (typeDistance(a.type, b.type) < 0) return false;
  if (a.country && b.country && a.country !== b.country) return false;
  if (a.region && b.region && a.region !== b.region) return false;
  if (a.settlement && b.settlement && a.settlement !== b.settlement) return false;
  if (a.lo !== null && b.lo !== null && (a.lo > b.hi! + DAY_SLACK || b.lo > a.hi! + DAY_SLACK)) return false;
  if (a.kind === 'tally') {
    if (a.measure !== b.measure) return false;
    if (a.value !== null && b.value !== null && !close(a.value, b.value, TALLY_VALUE_TOLERANCE)) return false;
    if (a.hi !== null && b.hi !== null && Math.abs(a.hi - b.hi) > TALLY_ASOF_DAYS) return false;
  }
  return true;
}

/** How strongly two compatible records say they are one happening; -Infinity when incompatible. */
export function matchScore(a: Features, b: Features): number {
  if (!compatible(a, b)) return -Infinity;
  let s = 0;
  if (typeDistance(a.type, b.type) === 1) s -= 1.5;
  // Place: the more specific the agreement, the stronger.
  if (a.settlement && b.settlement) s += 3;
  else if (a.region && b.region) s += 1.5;
  // Two country-wide reports of one type on one day are often one wave, but not reliably: weak.
  else if (a.country && b.country && !a.region && !b.region) s += 0.5;
  else if (!a.country || !b.country) s -= 0.5;
  if (a.kind === 'tally') {
    // Compatible tallies already agree on measure, value and "as of" day.
    if (a.value !== null && b.value !== null) s += 3;
    if (a.hi !== null && b.hi !== null) s += 2;
  } else if (a.lo !== null && b.lo !== null) {
    const width = Math.max(a.hi! - a.lo, b.hi! - b.lo) + 1;
    s += width <= 2 ? 3 : width <= 8 ? 1.5 : width <= 31 ? 0.5 : 0;
  } else s -= 1;
  s += 5 * jaccard(a.stems, b.stems);
  let near = false;
  let exact = false;
  let far = false;
  for (const k in a.counts) {
    const v = a.counts[k]!;
    const w = b.counts[k];
    if (w === undefined) continue;
    // The same uncommon number (17 soldiers) is strong evidence; small numbers recur by chance.
    if (v === w && v >= 10) exact = true;
    else if (close(v, w, 0.15)) near = true;
    else if (Math.max(v, w) > 2 * Math.min(v, w)) far = true;
  }
  if (exact) s += 3;
  else if (near) s += 1.5;
  if (far) s -= 2;
  if (a.actors.length && b.actors.some((x) => a.actors.includes(x))) s += 1.5;
  if (a.target && b.target) s += a.target === b.target ? 0.5 : -1;
  return s;
}

// --- In-memory resolver -------------------------------------------------------------------------

/** Records whose dates span more than this are matched only among themselves (see README of issue 5). */
export const WIDE_DAYS = 62;
const WEEK = 7;
/** Members kept per cluster to score against; the cluster's envelope guards the rest. */
const REPS = 3;

interface Cluster {
  id: number;
  /** Tightest constraints of all members: every new member must be compatible with them. */
  env: Features;
  reps: Features[];
  size: number;
  /** Documents with a record in the cluster. */
  docs: number[];
}

/** Merge a member into a cluster's envelope: the narrowest date, the most specific place. */
function tighten(env: Features, f: Features): Features {
  return {
    ...env,
    lo: env.lo === null ? f.lo : f.lo === null ? env.lo : Math.max(env.lo, f.lo),
    hi: env.hi === null ? f.hi : f.hi === null ? env.hi : Math.min(env.hi, f.hi),
    country: env.country ?? f.country,
    region: env.region ?? f.region,
    settlement: env.settlement ?? f.settlement,
    // A type pair is allowed once; the envelope keeps the first type so chains cannot drift.
  };
}

/** Envelope intervals can end inverted by the day slack; compare through a sane copy. */
function envForCompare(env: Features): Features {
  if (env.lo !== null && env.hi !== null && env.lo > env.hi) return { ...env, lo: env.hi, hi: env.lo };
  return env;
}

export interface ResolveDecision {
  cluster: number;
  created: boolean;
  score: number;
}

/**
 * Clusters records one at a time (online), so the same code serves a full re-run and a stream.
 * Memory: one small envelope plus up to three member features per cluster.
 */
export class MemoryResolver {
  private clusters: Cluster[] = [];
  private buckets = new Map<string, Map<string, number[]>>();
  private stamp: Int32Array = new Int32Array(1024);
  private gen = 0;
  comparisons = 0;

  get clusterCount(): number {
    return this.clusters.length;
  }

  private static baseKeys(f: Features): string[] {
    return (f.bases ??= MemoryResolver.computeBaseKeys(f));
  }

  private static computeBaseKeys(f: Features): string[] {
    const base = `${f.kind}|${f.group}|${f.country ?? ''}`;
    if (f.lo === null) return [`${base}|u`];
    if (f.kind === 'tally') {
      // One claim: same measure and an "as of" day within TALLY_ASOF_DAYS, whatever period it counts.
      const out: string[] = [];
      for (let w = Math.floor((f.hi! - TALLY_ASOF_DAYS) / WEEK); w <= Math.floor((f.hi! + TALLY_ASOF_DAYS) / WEEK); w++) out.push(`${base}|${f.measure ?? ''}|${w}`);
      return out;
    }
    if (f.hi! - f.lo > WIDE_DAYS) return [`${base}|w`];
    const out: string[] = [];
    for (let w = Math.floor((f.lo - DAY_SLACK) / WEEK); w <= Math.floor((f.hi! + DAY_SLACK) / WEEK); w++) out.push(`${base}|${w}`);
    return out;
  }

  // Buckets: kind|type group|country|week, then region and settlement ('' when unknown, '*' for
  // any). A record is compared only with clusters that could be compatible with it: the same or an
  // unknown region and settlement; a record without a settlement reads the region's '*' bucket.
  private index(c: Cluster, f: Features): void {
    const places = new Set<string>();
    for (const [region, town] of [[f.region ?? '', f.settlement ?? ''], [c.env.region ?? '', c.env.settlement ?? '']] as const) {
      places.add(`${region}|${town}`);
      places.add(`${region}|*`);
      places.add('*');
    }
    for (const base of MemoryResolver.baseKeys(f)) {
      let inner = this.buckets.get(base);
      if (!inner) this.buckets.set(base, (inner = new Map()));
      for (const place of places) {
        let list = inner.get(place);
        if (!list) inner.set(place, (list = []));
        // A cluster already in this bucket is usually its last entry; rare repeats are skipped by the stamp.
        if (list[list.length - 1] !== c.id) list.push(c.id);
      }
    }
  }

  private candidates(f: Features): number[] {
    if (++this.gen === 0x7fffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    const places = !f.region
      ? ['*']
      : f.settlement
        ? [`${f.region}|${f.settlement}`, `${f.region}|`, `|${f.settlement}`, '|']
        : [`${f.region}|*`, '|*'];
    const out: number[] = [];
    for (const base of MemoryResolver.baseKeys(f)) {
      const inner = this.buckets.get(base);
      if (!inner) continue;
      for (const place of places) {
        const list = inner.get(place);
        if (!list) continue;
        for (const id of list) {
          if (this.stamp[id] === this.gen) continue;
          this.stamp[id] = this.gen;
          out.push(id);
        }
      }
    }
    return out;
  }

  /** Every compatible cluster scoring at or above the threshold, best first. */
  matches(f: Features): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    for (const id of this.candidates(f)) {
      const c = this.clusters[id]!;
      if (f.doc !== null && c.docs.includes(f.doc)) continue;
      if (!compatible(f, envForCompare(c.env))) continue;
      let best = -Infinity;
      for (const r of c.reps) {
        this.comparisons++;
        best = Math.max(best, matchScore(f, r));
      }
      if (best >= MATCH_THRESHOLD) out.push({ id, score: best });
    }
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  bestMatch(f: Features): { id: number; score: number } | null {
    return this.matches(f)[0] ?? null;
  }

  /**
   * A record without a settlement that fits two clusters about equally well is ambiguous ("an arson
   * in Mordovia on Sunday" when two are known): it stays on its own for an editor to place.
   */
  static ambiguous(f: Features, ms: { score: number }[]): boolean {
    return !f.settlement && ms.length > 1 && ms[0]!.score - ms[1]!.score < AMBIGUITY_MARGIN;
  }

  /**
   * The records of one document together: strongest pairs first, at most one record of the document
   * per cluster, so a side remark ("the gunman was detained") cannot take the event that the
   * document's main record belongs to.
   */
  addDocument(fs: Features[]): ResolveDecision[] {
    const options = fs.flatMap((f, i) => {
      const ms = this.matches(f);
      return MemoryResolver.ambiguous(f, ms) ? [] : ms.map((m) => ({ i, ...m }));
    });
    options.sort((a, b) => b.score - a.score || a.i - b.i);
    const chosen = new Map<number, { id: number; score: number }>();
    const taken = new Set<number>();
    for (const o of options) {
      if (chosen.has(o.i) || taken.has(o.id)) continue;
      chosen.set(o.i, o);
      taken.add(o.id);
    }
    return fs.map((f, i) => {
      const c = chosen.get(i);
      if (!c) return this.add(f, undefined, true);
      const d = this.add(f, c.id);
      return { ...d, score: c.score };
    });
  }

  /** Put f in an existing cluster (forced when `into` is given) or a new one. */
  add(f: Features, into?: number, alone = false): ResolveDecision {
    const m = into !== undefined ? { id: into, score: Infinity } : alone ? null : this.bestMatch(f);
    if (m) {
      const c = this.clusters[m.id]!;
      c.env = tighten(c.env, f);
      if (c.reps.length < REPS) c.reps.push(f);
      c.size++;
      if (f.doc !== null && !c.docs.includes(f.doc)) c.docs.push(f.doc);
      this.index(c, f);
      f.bases = undefined; // kept features need no keys: memory per cluster matters at a million records
      return { cluster: c.id, created: false, score: m.score };
    }
    const id = this.clusters.length;
    const c: Cluster = { id, env: f, reps: [f], size: 1, docs: f.doc === null ? [] : [f.doc] };
    this.clusters.push(c);
    if (id >= this.stamp.length) {
      const bigger = new Int32Array(this.stamp.length * 2);
      bigger.set(this.stamp);
      this.stamp = bigger;
    }
    this.index(c, f);
    f.bases = undefined;
    return { cluster: id, created: true, score: 0 };
  }

  /** Start a cluster without matching (an event that already exists, pinned by an editor). */
  seed(f: Features): number {
    const id = this.clusters.length;
    this.clusters.push({ id, env: f, reps: [f], size: 1, docs: f.doc === null ? [] : [f.doc] });
    if (id >= this.stamp.length) {
      const bigger = new Int32Array(this.stamp.length * 2);
      bigger.set(this.stamp);
      this.stamp = bigger;
    }
    this.index(this.clusters[id]!, f);
    return id;
  }
}
