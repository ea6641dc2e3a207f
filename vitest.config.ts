import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // Node resolves `import 'graphql'` to its CommonJS entry (graphql 16 has no exports map); Vite would
  // pick the ESM one while CommonJS dependencies keep the other, and graphql refuses to mix instances.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['tests/**/*.test.ts'],
    // Each test file gets its own database (a PGlite folder, or a PostgreSQL database when
    // TEST_DATABASE_URL is set), so files can run in parallel without sharing state.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
  },
});
