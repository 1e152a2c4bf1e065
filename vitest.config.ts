import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'dev/**/*.test.ts', 'dev/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    unstubGlobals: true,
    // Two cores on CI: browser and emulator suites start real servers, so give them room.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
