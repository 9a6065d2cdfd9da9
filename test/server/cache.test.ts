import { expect, it } from 'vitest';
import { answerCache } from '../../src/server/cache.js';
import { rateLimit } from '../../src/server/ratelimit.js';

it('shares one computation between concurrent misses and serves a stale answer while refreshing once', async () => {
  let t = 0;
  let calls = 0;
  const cache = answerCache(1000, 10, () => t);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const compute = async (): Promise<number> => {
    calls++;
    await gate;
    return calls;
  };
  const all = Promise.all([cache.get('k', compute), cache.get('k', compute), cache.get('k', compute)]);
  release();
  expect(await all).toEqual([1, 1, 1]);
  expect(calls).toBe(1);
  t = 5000; // expired: the old answer comes back at once, one refresh starts
  expect(await cache.get('k', compute)).toBe(1);
  expect(await cache.get('k', compute)).toBe(1);
  await new Promise((r) => setTimeout(r, 0));
  expect(calls).toBe(2);
  expect(await cache.get('k', compute)).toBe(2);
});

it('drops an answer computed across a clear, and caches nothing with a zero TTL', async () => {
  const cache = answerCache(1000);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let n = 0;
  const slow = cache.get('k', async () => { await gate; return ++n; });
  cache.clear();
  release();
  expect(await slow).toBe(1);
  expect(await cache.get('k', async () => ++n)).toBe(2);
  const none = answerCache(0);
  let m = 0;
  await none.get('k', async () => ++m);
  await none.get('k', async () => ++m);
  expect(m).toBe(2);
});

it('rate limit counts across the window edge', () => {
  let t = 0;
  const rl = rateLimit(2, 1000, () => t);
  expect([rl.take('a'), rl.take('a'), rl.take('a'), rl.take('b')]).toEqual([true, true, false, true]);
  t = 1100; // just after the edge 90% of the previous window still counts: 1.8 of 2 used
  expect([rl.take('a'), rl.take('a')]).toEqual([true, false]);
  t = 1900; // 10% of it: 0.2 + 1
  expect([rl.take('a'), rl.take('a')]).toEqual([true, false]);
});
