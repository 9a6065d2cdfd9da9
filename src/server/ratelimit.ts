/** In-memory rate limits per client: a sliding pair of fixed windows, cheap enough for every request. */

export interface RateLimit {
  /** True when the client may go on; counts the attempt. */
  take(key: string): boolean;
  /** Seconds until the client may try again. */
  retryAfter(key: string): number;
  /** Forget a client (after a successful login). */
  reset(key: string): void;
}

/**
 * At most `limit` hits per `windowMs`, estimated over the current and the previous window so a
 * client cannot double its rate at a window edge. Memory stays bounded: old windows are dropped.
 */
export function rateLimit(limit: number, windowMs: number, now: () => number = Date.now): RateLimit {
  let windowStart = Math.floor(now() / windowMs) * windowMs;
  let current = new Map<string, number>();
  let previous = new Map<string, number>();
  const roll = (): void => {
    const t = now();
    const start = Math.floor(t / windowMs) * windowMs;
    if (start === windowStart) return;
    previous = start - windowStart === windowMs ? current : new Map();
    current = new Map();
    windowStart = start;
  };
  const estimate = (key: string): number => {
    const weight = 1 - (now() - windowStart) / windowMs;
    return (current.get(key) ?? 0) + (previous.get(key) ?? 0) * weight;
  };
  return {
    take(key) {
      roll();
      if (estimate(key) >= limit) return false;
      current.set(key, (current.get(key) ?? 0) + 1);
      return true;
    },
    retryAfter() {
      return Math.max(1, Math.ceil((windowStart + windowMs - now()) / 1000));
    },
    reset(key) {
      current.delete(key);
      previous.delete(key);
    },
  };
}
