import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/vscode/**', 'test/browser/**'],
    setupFiles: ['scripts/polyfill.cjs'],
    testTimeout: 30000,
  },
});
