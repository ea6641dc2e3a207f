// /readyz says "ready" only when the database answers and every migration in prisma/migrations is
// applied; /healthz (liveness) stays up regardless. Migration bookkeeping is tampered with directly in
// this file's throwaway database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/core/db/database.js';
import { readMigrations } from '../src/core/db/migrate.js';
import { createLogger } from '../src/core/logger.js';
import { readinessCheck } from '../src/core/server/readiness.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  // The 503s below are expected; their warnings would only clutter the test output.
  server = await startTestServer({ seed: false, logger: createLogger(undefined, 'silent') });
});
afterAll(async () => {
  await server?.stop();
});

async function probe(path: '/readyz' | '/healthz') {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('/readyz', () => {
  it('is ready on a migrated database', async () => {
    expect(await probe('/readyz')).toEqual({
      status: 200,
      body: { status: 'ready', database: server.db.mode },
    });
  });

  it('answers 503 naming the migration that is not applied, and recovers once it is', async () => {
    const last = (await readMigrations()).at(-1)!.name;
    const prisma = server.db.prisma;
    await prisma.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = ${last}`;
    try {
      const { status, body } = await probe('/readyz');
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'unavailable', reason: `migrations not applied: ${last}` });
      expect((await probe('/healthz')).status).toBe(200);
    } finally {
      await prisma.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = now() WHERE migration_name = ${last}`;
    }
    expect((await probe('/readyz')).status).toBe(200);
  });

  it('answers 503 when the database has never been migrated', async () => {
    const prisma = server.db.prisma;
    await prisma.$executeRawUnsafe('ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_away"');
    try {
      const { status, body } = await probe('/readyz');
      expect(status).toBe(503);
      expect(body.reason).toBe('the database has no migrations applied');
    } finally {
      await prisma.$executeRawUnsafe('ALTER TABLE "_prisma_migrations_away" RENAME TO "_prisma_migrations"');
    }
    expect((await probe('/readyz')).status).toBe(200);
  });

  it('gives up on a database that does not answer, within its timeout', async () => {
    const hanging = { prisma: { $queryRaw: () => new Promise(() => {}) } } as unknown as Database;
    const started = Date.now();
    const result = await readinessCheck(hanging, { timeoutMs: 200 })();
    expect(result).toEqual({ ready: false, reason: 'the database did not answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports an unreachable database without its error text', async () => {
    const failing = {
      prisma: { $queryRaw: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:5432')) },
    } as unknown as Database;
    expect(await readinessCheck(failing)()).toEqual({ ready: false, reason: 'the database is unreachable' });
  });
});
