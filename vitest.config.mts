import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Two kinds of suite: plain Node (contract, emulator, extension logic) and the worker inside workerd.
// A passing test's console output is dropped (a failing one's is printed with its failure); the
// whole run, console output included, is also written to test-results/vitest.xml.
export default defineConfig({
  test: {
    reporters: ['default', 'junit'],
    outputFile: { junit: 'test-results/vitest.xml' },
    silent: 'passed-only',
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/{unit,setup,emulator,extension/unit}/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        // The same core suite against the app on each runtime it claims (workerd, Deno, Node), over real HTTP.
        test: {
          name: 'runtimes',
          include: ['test/runtimes/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: {
          name: 'workerd',
          include: ['test/edge/**/*.test.ts'],
          globalSetup: ['test/edge/global-setup.ts'],
          // The files share one emulator and its fault knobs: run them one after another.
          fileParallelism: false,
          testTimeout: 30_000,
        },
      },
    ],
  },
});
