// Fills a database with the synthetic dataset: creates it if it is one of ours, applies the migrations,
// streams every table in with COPY, checks integrity, then VACUUM ANALYZE.
//
// Why triggers are off during the load: the schema's deferred constraint triggers (every claim needs a
// citation) fire once per inserted claim at commit and run two dynamic queries each; at a million events
// that is ~5 million trigger calls and an after-trigger queue held in memory for the whole transaction.
// Instead the COPY sessions run with session_replication_role = replica (superuser only), which skips all
// triggers — including event_latest_date, so the generator writes latest_date itself (calendar.ts mirrors
// period_last_day), and event_country_ids, so it writes country_ids too (generate.ts countryIdsOf), and
// the foreign-key triggers, so verify.ts re-checks all of it, and the foreign keys, in one statement
// afterwards; and the relationship summaries' triggers, so the load rebuilds them once at the end. CHECK
// and UNIQUE constraints are not triggers and hold during the load.
//
// VACUUM ANALYZE at the end (not just ANALYZE): it also sets hint bits and the visibility map and flushes
// the GIN pending lists, work that autovacuum and the first readers would otherwise do during the bench.
import postgres from 'postgres';
import { applyMigrations } from '../../src/core/db/migrate.js';
import { postgresSession } from '../../src/core/db/sql-session.js';
import { splitUrl } from '../config.js';
import { CopyStream } from './copy.js';
import { DatasetGenerator } from './generate.js';
import { COLUMNS, TABLES, type TableName } from './tables.js';
import { buildIndexes, dropIndexes, repairInterruptedLoad, secondaryIndexes } from './indexes.js';
import { checkIntegrity } from './verify.js';

export interface LoadOptions {
  url: string;
  events: number;
  seed: number;
  /** Create the database if missing (only for our throwaway databases). */
  create: boolean;
  /** Empty the tables first when the database already holds data. */
  reset: boolean;
  log: (line: string) => void;
}

export interface LoadReport {
  events: number;
  seed: number;
  rows: Record<TableName, number>;
  totalRows: number;
  /** Generation and COPY until every table's COPY has committed, and the secondary index builds. */
  loadSeconds: number;
  rowsPerSecond: number;
  verifySeconds: number;
  vacuumAnalyzeSeconds: number;
  /** Size of the database afterwards. */
  databaseBytes: number;
  /** Largest RSS of this (generating) process during the load: rows are streamed, never held. */
  generatorMaxRssBytes: number;
}

/** The marker the bench reads to know what a database holds (a comment, so the schema is untouched). */
export const DATASET_COMMENT_PREFIX = 'jv-bench dataset ';

export async function ensureDatabase(url: string): Promise<boolean> {
  const { name, maintenanceUrl } = splitUrl(url);
  const admin = postgres(maintenanceUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (found.length) return false;
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export async function dropDatabase(url: string): Promise<boolean> {
  const { name, maintenanceUrl } = splitUrl(url);
  const admin = postgres(maintenanceUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (!found.length) return false;
    await admin.unsafe(`DROP DATABASE "${name}" WITH (FORCE)`);
    return true;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** What a database says it holds ({ events, seed }), or null when bench:data did not fill it. */
export async function readDatasetMarker(sql: postgres.Sql): Promise<{ events: number; seed: number } | null> {
  const [row] = await sql<{ comment: string | null }[]>`
    SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`;
  const comment = row?.comment ?? '';
  if (!comment.startsWith(DATASET_COMMENT_PREFIX)) return null;
  return JSON.parse(comment.slice(DATASET_COMMENT_PREFIX.length)) as { events: number; seed: number };
}

export async function loadDataset(options: LoadOptions): Promise<LoadReport> {
  const { url, events, seed, log } = options;
  if (options.create && (await ensureDatabase(url))) log(`created database ${splitUrl(url).name}`);
  const migrated = await withSession(url, (s) => applyMigrations(s));
  if (migrated.applied.length) log(`applied migrations: ${migrated.applied.join(', ')}`);

  const sql = postgres(url, { max: TABLES.length + 1, onnotice: () => {} });
  try {
    const [role] = await sql<{ super: boolean }[]>`
      SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user`;
    if (!role?.super) {
      throw new Error(
        'bench:data needs a superuser connection: it loads with session_replication_role = replica ' +
          '(see bench/data/load.ts for why)',
      );
    }
    const database = splitUrl(url).name;
    const repaired = await repairInterruptedLoad(sql, database);
    if (repaired) log(`rebuilt ${repaired} indexes an interrupted load had dropped`);
    const [{ existing } = { existing: 0 }] = await sql<{ existing: number }[]>`
      SELECT ((SELECT count(*) FROM source) + (SELECT count(*) FROM participant)
              + (SELECT count(*) FROM event))::int AS existing`;
    if (existing > 0) {
      if (!options.reset) {
        throw new Error('the database already holds data; pass --reset to empty it first, or --drop');
      }
      await sql.unsafe(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')}`);
      log('emptied the tables (--reset)');
    }
    // The tables are empty now: drop their secondary indexes for the load (see indexes.ts). This also
    // clears the dataset marker until the load has succeeded.
    const indexes = await secondaryIndexes(sql, TABLES);
    await dropIndexes(sql, database, indexes);

    let generatorMaxRssBytes = 0;
    const sampler = setInterval(() => {
      generatorMaxRssBytes = Math.max(generatorMaxRssBytes, process.memoryUsage().rss);
    }, 250);
    const started = performance.now();
    let rows: Record<TableName, number>;
    try {
      rows = await streamDataset(sql, events, seed, log);
    } finally {
      clearInterval(sampler);
      const t = performance.now();
      await buildIndexes(sql, indexes);
      await sql.unsafe(`COMMENT ON DATABASE "${database}" IS NULL`);
      log(`built ${indexes.length} secondary indexes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    // Rows per second over the whole load, index builds included.
    const loadSeconds = (performance.now() - started) / 1000;
    const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
    const rowsPerSecond = totalRows / loadSeconds;
    log(
      `loaded ${totalRows.toLocaleString('en')} rows in ${loadSeconds.toFixed(1)} s ` +
        `(${Math.round(rowsPerSecond).toLocaleString('en')} rows/s); ` +
        `generator RSS at most ${Math.round(generatorMaxRssBytes / 1048576)} MB`,
    );

    // The relationship summaries' triggers were off too: computed once, set-based, from the loaded rows.
    // ANALYZE first: without statistics the rebuild's joins were planned as nested loops (150 s at 10k).
    let t = performance.now();
    await sql.unsafe('ANALYZE');
    await sql.unsafe('SELECT relationship_summaries_rebuild()');
    log(`rebuilt the relationship summaries in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // VACUUM ANALYZE before the check: with statistics its anti-joins are hash joins (3 s at 100k events
    // instead of 25 s), and the bench needs it anyway.
    t = performance.now();
    await sql.unsafe('VACUUM (ANALYZE)');
    const vacuumAnalyzeSeconds = (performance.now() - t) / 1000;
    log(`VACUUM ANALYZE in ${vacuumAnalyzeSeconds.toFixed(1)} s`);

    t = performance.now();
    const failures = await checkIntegrity(sql);
    const verifySeconds = (performance.now() - t) / 1000;
    if (Object.keys(failures).length) {
      throw new Error(`integrity check failed: ${JSON.stringify(failures)}`);
    }
    log(
      `integrity check passed in ${verifySeconds.toFixed(1)} s (citations, latest_date, country_ids, foreign keys)`,
    );

    const marker = JSON.stringify({ events, seed });
    await sql.unsafe(
      `COMMENT ON DATABASE "${database}" IS '${DATASET_COMMENT_PREFIX}${marker.replace(/'/g, "''")}'`,
    );
    const [{ bytes } = { bytes: 0 }] = await sql<{ bytes: number }[]>`
      SELECT pg_database_size(current_database())::float8 AS bytes`;
    return {
      events,
      seed,
      rows,
      totalRows,
      loadSeconds,
      rowsPerSecond,
      verifySeconds,
      vacuumAnalyzeSeconds,
      databaseBytes: bytes,
      generatorMaxRssBytes,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** One COPY per table on its own reserved connection, fed by the generator with backpressure. */
async function streamDataset(
  sql: postgres.Sql,
  events: number,
  seed: number,
  log: (line: string) => void,
): Promise<Record<TableName, number>> {
  const connections = await Promise.all(TABLES.map(() => sql.reserve()));
  const streams = new Map<TableName, CopyStream>();
  try {
    for (const [i, table] of TABLES.entries()) {
      const conn = connections[i]!;
      // Session settings for the load only (see the top of this file); the connections are closed after.
      await conn.unsafe(`SET session_replication_role = replica`);
      await conn.unsafe(`SET synchronous_commit = off`);
      // Bigger GIN pending lists merge into the full-text indexes in fewer, larger batches.
      await conn.unsafe(`SET gin_pending_list_limit = '32MB'`);
      streams.set(table, await CopyStream.open(conn, table, COLUMNS[table]));
    }
    const generator = new DatasetGenerator(events, seed, {
      row: (table, values) => streams.get(table)!.push(values),
    });
    const all = [...streams.values()];
    const ready = () => Promise.all(all.map((s) => s.ready()));

    generator.generateReferenceData();
    await ready();
    const started = performance.now();
    const step = Math.max(1, Math.floor(events / 10));
    for (let i = 0; i < events; i++) {
      generator.generateEvent(i);
      if ((i & 255) === 255) await ready();
      if ((i + 1) % step === 0 && i + 1 < events) {
        const rows = all.reduce((sum, s) => sum + s.rows, 0);
        const seconds = (performance.now() - started) / 1000;
        log(
          `  ${(((i + 1) / events) * 100).toFixed(0)}%: ${(i + 1).toLocaleString('en')} events, ` +
            `${rows.toLocaleString('en')} rows (${Math.round(rows / seconds).toLocaleString('en')} rows/s)`,
        );
      }
    }
    await Promise.all(all.map((s) => s.finish()));
    return Object.fromEntries(TABLES.map((t) => [t, streams.get(t)!.rows])) as Record<TableName, number>;
  } catch (error) {
    for (const s of streams.values()) s.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    for (const conn of connections) conn.release();
  }
}

async function withSession<T>(
  url: string,
  fn: (s: ReturnType<typeof postgresSession>) => Promise<T>,
): Promise<T> {
  const session = postgresSession(url);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
