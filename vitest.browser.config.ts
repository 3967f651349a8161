import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests of the generated HTML (chronology, QA report) in a real headless chromium, through
 * playwright-core and Debian's /usr/bin/chromium (never a downloaded browser). Kept apart from the main suite
 * because they need chromium and take longer: `npx vitest run -c vitest.browser.config.ts`.
 * Screenshots go to artifacts/browser/ (gitignored).
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    setupFiles: ['scripts/polyfill.cjs'],
    testTimeout: 120000,
    hookTimeout: 120000,
    // One chromium at a time: the CI machines have two cores.
    fileParallelism: false,
  },
});
