// A throwaway database per test file (or per test): a fresh PGlite folder by default, or — when
// TEST_DATABASE_URL names a PostgreSQL server — a uniquely named database created on it and dropped
// afterwards.
//
// Asked for a `template`, it is a copy of the database the run's globalSetup built once (see
// database-templates.ts): already migrated, or migrated and seeded. `prepared` says what the copy holds;
// it is undefined when no templates were built (outside vitest), and the database is then empty.
import { openAsBlob } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import type { DatabaseConfig } from '../../src/core/db/config.js';
import { IN_MEMORY } from '../../src/core/db/database.js';
import {
  databaseUrl,
  templatesFromEnv,
  uniqueDatabaseName,
  type TemplateKind,
} from './database-templates.js';

export interface TestDatabase {
  config: DatabaseConfig;
  /** For PostgreSQL: the URL of the test database. */
  url?: string;
  /** What the database already holds when it was copied from a template; undefined: it is empty. */
  prepared?: TemplateKind;
  drop(): Promise<void>;
}

export const testDatabaseMode = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';

export interface TestDatabaseOptions {
  template?: TemplateKind;
  /**
   * Embedded only: the copy lives in memory, started from the template's image, for a database that no
   * other process opens (a test's own). PostgreSQL copies a template the same way either way.
   */
  inMemory?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const templates = options.template ? templatesFromEnv() : undefined;
  const template =
    templates && options.template && templates.mode === testDatabaseMode ? options.template : undefined;
  if (templates?.mode === 'embedded' && template && options.inMemory) {
    return {
      config: { mode: 'embedded', dataDir: IN_MEMORY, image: await openAsBlob(templates.images[template]) },
      prepared: template,
      drop: async () => {},
    };
  }
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'jv-log-test-'));
    if (template) await cp(templates![template], dataDir, { recursive: true });
    return {
      config: { mode: 'embedded', dataDir },
      ...(template ? { prepared: template } : {}),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = uniqueDatabaseName('jv_log_test');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    if (template) await cloneDatabase(admin, templates![template], name);
    else await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  return {
    config: { mode: 'postgres', url, poolSize: 5 },
    url,
    ...(template ? { prepared: template } : {}),
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await sql.end();
    },
  };
}

/**
 * PostgreSQL copies a template only while no session is connected to it, and two copies of one template
 * may not start at the same instant either ("source database … is being accessed by other users",
 * 55006): files starting together retry for a while.
 */
async function cloneDatabase(admin: postgres.Sql, template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
      await sleep(100 + Math.random() * 200);
    }
  }
}
