/**
 * A small answer cache for the public's expensive GETs (aggregates, tallies, reports). Concurrent
 * misses for one key share one query (no stampede), and an expired answer is served while one
 * refresh runs. Editors never use it; any change made through the API clears it.
 */
export interface AnswerCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
}

interface Entry {
  at: number;
  value?: unknown;
  pending?: Promise<unknown>;
}

export function answerCache(ttlMs: number, maxEntries = 1000, now: () => number = Date.now): AnswerCache {
  const entries = new Map<string, Entry>();
  let generation = 0;
  const refresh = <T>(key: string, e: Entry, compute: () => Promise<T>): Promise<T> => {
    const gen = generation;
    const p = compute().then(
      (value) => {
        // A clear() while computing means the answer may be stale already: do not keep it.
        if (gen === generation) entries.set(key, { at: now(), value });
        else if (entries.get(key) === e) entries.delete(key);
        return value;
      },
      (err: unknown) => {
        if (entries.get(key) === e) {
          if ('value' in e) delete e.pending;
          else entries.delete(key);
        }
        throw err;
      },
    );
    e.pending = p;
    return p;
  };
  return {
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return compute();
      const e = entries.get(key);
      if (e && 'value' in e) {
        if (now() - e.at >= ttlMs && !e.pending) void refresh(key, e, compute).catch(() => undefined);
        return Promise.resolve(e.value as T);
      }
      if (e?.pending) return e.pending as Promise<T>;
      if (entries.size >= maxEntries) entries.clear();
      const fresh: Entry = { at: 0 };
      entries.set(key, fresh);
      return refresh(key, fresh, compute);
    },
    clear() {
      generation++;
      entries.clear();
    },
  };
}
