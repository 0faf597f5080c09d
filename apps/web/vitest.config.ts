import { defineConfig } from 'vitest/config';

// The end-to-end tests build the site, serve apps/web/dist and drive a real Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
