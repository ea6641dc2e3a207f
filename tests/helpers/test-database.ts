// A throwaway database per test file: a fresh PGlite folder by default, or — when TEST_DATABASE_URL
// names a PostgreSQL server — a uniquely named database created on it and dropped afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { DatabaseConfig } from '../../src/db/config.js';

export interface TestDatabase {
  config: DatabaseConfig;
  /** For PostgreSQL: the URL of the test database. */
  url?: string;
  drop(): Promise<void>;
}

export const testDatabaseMode = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'jv-log-test-'));
    return {
      config: { mode: 'embedded', dataDir },
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `jv_log_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { mode: 'postgres', url: url.toString(), poolSize: 5 },
    url: url.toString(),
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await sql.end();
    },
  };
}
