import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite holds ~0.4 GB per open database: keep parallelism modest on 2-core CI machines.
    maxWorkers: 2,
  },
});
