/**
 * Near-duplicate documents: reposts, forwards and lightly edited copies. MinHash over word
 * 3-shingles, banded for LSH (documents sharing a band are candidates), then an exact check on the
 * shingle sets so that a chance band collision never links two different texts.
 */
import { hash32, words } from './features.js';

const PERMS = 60;
const ROWS = 3; // 20 bands of 3: candidate with probability 0.93 at Jaccard 0.5, 0.42 at 0.3
export const BANDS = PERMS / ROWS;
/** Too few shingles to tell a copy from a coincidence (identical texts are caught by their hash). */
export const MIN_SHINGLES = 8;
export const COPY_JACCARD = 0.6;
export const COPY_CONTAINMENT = 0.9;

const SEEDS = Array.from({ length: PERMS }, (_, i) => hash32(`letopis-minhash-${i}`));

function mix(x: number): number {
  // murmur3 finaliser: spreads bits so each seed acts as an independent permutation
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Sorted unique hashes of the text's word 3-shingles. */
export function shingles(text: string): Uint32Array {
  const w = words(text);
  const set = new Set<number>();
  if (w.length < 3) {
    if (w.length) set.add(hash32(w.join(' ')));
  } else for (let i = 0; i + 2 < w.length; i++) set.add(hash32(`${w[i]} ${w[i + 1]} ${w[i + 2]}`));
  return Uint32Array.from([...set].sort((a, b) => a - b));
}

export function minhash(sh: Uint32Array): Uint32Array {
  const sig = new Uint32Array(PERMS).fill(0xffffffff);
  for (const x of sh) {
    for (let i = 0; i < PERMS; i++) {
      const v = mix(x ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Band keys as signed 32-bit integers (a PostgreSQL `integer`). */
export function bands(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = `${b}`;
    for (let r = 0; r < ROWS; r++) key += `:${sig[b * ROWS + r]!}`;
    out.push(hash32(key) | 0);
  }
  return out;
}

export interface Similarity {
  jaccard: number;
  containment: number;
}

export function similarity(a: Uint32Array, b: Uint32Array): Similarity {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return { jaccard: union ? both / union : 0, containment: Math.min(a.length, b.length) ? both / Math.min(a.length, b.length) : 0 };
}

/**
 * One text copies the other: nearly the same shingles, or one holds almost all of the other and is
 * not more than twice its size (a repost with a line of comment, not a long article quoting a post).
 */
export function isNearDuplicate(a: Uint32Array, b: Uint32Array): boolean {
  if (Math.min(a.length, b.length) < MIN_SHINGLES) return false;
  const s = similarity(a, b);
  if (s.jaccard >= COPY_JACCARD) return true;
  return s.containment >= COPY_CONTAINMENT && Math.min(a.length, b.length) / Math.max(a.length, b.length) >= 0.5;
}

/** The publisher a document speaks for: a forward speaks for the channel it was forwarded from. */
export function publisherKey(d: { source_kind: string; source_name: string | null; url: string | null; source_ref: string; forwarded_from: string | null }): string {
  const norm = (s: string): string => s.toLowerCase().replace(/^@|^https?:\/\/(www\.)?t\.me\//, '').replace(/^(www\.)/, '').trim();
  if (d.forwarded_from) return `pub:${norm(d.forwarded_from)}`;
  if (d.source_name) return `pub:${norm(d.source_name)}`;
  if (d.url) {
    try {
      return `pub:${new URL(d.url).hostname.replace(/^www\./, '')}`;
    } catch {
      /* not a URL: fall through */
    }
  }
  return `ref:${d.source_kind}:${d.source_ref}`;
}
