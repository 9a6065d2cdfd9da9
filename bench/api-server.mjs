#!/usr/bin/env node
/**
 * The API server for `npm run bench:api`, in its own process so the load generator does not share
 * its event loop: the real createApp over PostgreSQL in one schema. Prints "ready PORT" when up.
 *   node bench/api-server.mjs URL SCHEMA AGGREGATE_CACHE_SECONDS
 */
import { serve } from '@hono/node-server';
import { createApp } from '../dist/server/app.js';
import { openStore } from '../dist/store/index.js';

const [url, schema, cache] = process.argv.slice(2);
const store = await openStore({ url, schema, migrate: false });
// The public rate limiter stays on, as for users, with a limit the load generator (one client
// address, thousands of requests a second) cannot reach: its cost is part of every answer.
const app = createApp({ store, local: false, apiPerMinute: 1e9, answerCacheSeconds: Number(cache ?? 0) });
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => console.log(`ready ${info.port}`));
// Slow answers under load must not race the default 5 s keep-alive timeout (the client would see resets).
server.keepAliveTimeout = 60_000;
process.on('SIGTERM', () => server.close(() => store.close().then(() => process.exit(0))));
