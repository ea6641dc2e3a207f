// Building a database is most of a test file's setup time: a new PGlite folder runs initdb, then come the
// migrations and the seed (measured on the 2-core machine: about 20 s of CPU per seeded database, most of
// it the seed's upserts). So vitest's globalSetup (tests/global-setup.ts) builds each kind of database once
// per run, with the same code the server runs (`prepareDatabase`), and every test file gets its own copy:
// a copied PGlite folder, or `CREATE DATABASE … TEMPLATE` on PostgreSQL. Each file still has a database of
// its own that it may change at will; nothing is shared between files. A test server's database
// (test-server.ts; the write tests start one per test) is PGlite started in memory from an image of the
// template folder instead: no folder to copy, no files to open.
//
// The templates are passed to the test workers in an environment variable. Outside a vitest run (for
// example scripts/docs/write.ts) it is unset and databases are built from scratch as before.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { DatabaseConfig } from '../../src/core/db/config.js';
import { openDatabase } from '../../src/core/db/database.js';
import { prepareDatabase } from '../../src/app.js';
import { createLogger } from '../../src/core/logger.js';

/** `migrated`: every migration applied, no data. `seeded`: migrated, then seeded from the articles. */
export type TemplateKind = 'migrated' | 'seeded';

/**
 * PGlite folders (embedded) or database names on TEST_DATABASE_URL's server (postgres); for embedded,
 * also each folder's image (PGlite's dumpDataDir tarball), from which a test starts an in-memory copy.
 */
export type Templates =
  | ({ mode: 'postgres' } & Record<TemplateKind, string>)
  | ({ mode: 'embedded'; images: Record<TemplateKind, string> } & Record<TemplateKind, string>);

const ENV = 'JV_LOG_TEST_TEMPLATES';

export function templatesFromEnv(): Templates | undefined {
  const value = process.env[ENV];
  return value ? (JSON.parse(value) as Templates) : undefined;
}

/** The database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
}

async function build(config: DatabaseConfig, seed: boolean): Promise<void> {
  const db = await openDatabase(config);
  try {
    await prepareDatabase(db, { seed: seed ? 'always' : 'never', logger: createLogger(undefined, 'warn') });
  } finally {
    await db.close();
  }
}

/** Writes the image of a PGlite data folder (uncompressed: it is read once per copy, never sent). */
async function dumpImage(dataDir: string, file: string): Promise<void> {
  const pglite = await PGlite.create(dataDir);
  try {
    const image = await pglite.dumpDataDir('none');
    await writeFile(file, Buffer.from(await image.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

/**
 * Builds the templates, publishes them to the workers vitest starts from now on, and returns the
 * function that removes them.
 */
export async function buildTemplates(): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let templates: Templates;
  let remove: () => Promise<void>;
  if (!serverUrl) {
    const root = await mkdtemp(path.join(tmpdir(), 'jv-log-template-'));
    const folder = (kind: TemplateKind) => path.join(root, kind);
    const image = (kind: TemplateKind) => path.join(root, `${kind}.tar`);
    templates = {
      mode: 'embedded',
      migrated: folder('migrated'),
      seeded: folder('seeded'),
      images: { migrated: image('migrated'), seeded: image('seeded') },
    };
    await Promise.all(
      (['migrated', 'seeded'] as const).map(async (kind) => {
        await build({ mode: 'embedded', dataDir: folder(kind) }, kind === 'seeded');
        await dumpImage(folder(kind), image(kind));
      }),
    );
    remove = () => rm(root, { recursive: true, force: true });
  } else {
    const prefix = uniqueDatabaseName('jv_log_template');
    templates = { mode: 'postgres', migrated: `${prefix}_migrated`, seeded: `${prefix}_seeded` };
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const names = [templates.migrated, templates.seeded];
    try {
      for (const name of names) await admin.unsafe(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const config = (name: string): DatabaseConfig => ({
      mode: 'postgres',
      url: databaseUrl(serverUrl, name),
      poolSize: 2,
    });
    await Promise.all([build(config(templates.migrated), false), build(config(templates.seeded), true)]);
    remove = async () => {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        for (const name of names) await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    };
  }
  process.env[ENV] = JSON.stringify(templates);
  return remove;
}
