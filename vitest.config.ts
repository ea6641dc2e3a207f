import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Suites that start extra processes, browsers or databases of their own (soak, faults, browser, shutdown,
 * CLI round trips, codegen). `npm test` runs them all; `npm run test:fast` leaves these out, for a quick
 * run while working. They get generous time limits: on a busy 2-core machine a process start alone can
 * take 20 s, and none of them asserts on speed.
 */
const SLOW = [
  'tests/soak.test.ts',
  'tests/database-faults.test.ts',
  'tests/shutdown.test.ts',
  'tests/**/*.browser.test.ts',
  'tests/admin-bootstrap.test.ts',
  'tests/export-import.test.ts',
  'tests/subscriptions.test.ts',
  'tests/codegen.test.ts',
  // Its own PostgreSQL primary, streaming replica, PgBouncer and two server processes (PostgreSQL only).
  'tests/replica-topology.test.ts',
];

export default defineConfig({
  // Node resolves `import 'graphql'` to its CommonJS entry (graphql 16 has no exports map); Vite would
  // pick the ESM one while CommonJS dependencies keep the other, and graphql refuses to mix instances.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    // Each test file gets its own database (a PGlite folder, or a PostgreSQL database when
    // TEST_DATABASE_URL is set), so files can run in parallel without sharing state. Each is a copy of
    // a template migrated and seeded once per run by this globalSetup (tests/helpers/database-templates.ts).
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
    projects: [
      {
        extends: true,
        // isolate: false: a worker keeps its loaded modules from one file to the next, so the server's
        // code, the Prisma client and PGlite's WebAssembly are loaded twice per run, not once per file
        // (measured: about 40% of the fast set's CPU time). Files still share no state: each has its own
        // database and servers, and the few module-level caches (the event codebook) hold data that is
        // the same in every database. The slow project keeps vitest's default isolation.
        test: { name: 'fast', include: ['tests/**/*.test.ts'], exclude: SLOW, isolate: false },
      },
      { extends: true, test: { name: 'slow', include: SLOW, testTimeout: 180_000, hookTimeout: 300_000 } },
    ],
  },
});
