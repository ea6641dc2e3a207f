// Secondary indexes are dropped before a bulk load into empty tables and built again afterwards, as
// pg_restore does. Building an index once over sorted data is far cheaper than millions of random
// insertions into it: the citation table alone has eight indexes besides its primary key (seven foreign-key
// columns and the full-text GIN), and the inserted ids are random UUIDs, so past a few hundred thousand
// rows each insertion touches pages that are no longer in shared_buffers (and each first touch after a
// checkpoint writes a full page to the WAL).
//
// Only indexes that back no constraint are dropped (primary keys and unique constraints stay, and keep
// checking). The definitions are those the migrations created (pg_get_indexdef), written into the
// database comment before the drop, so that a load killed half-way is repaired by the next one.
import type postgres from 'postgres';

export interface SecondaryIndex {
  name: string;
  table: string;
  definition: string;
}

const PENDING_PREFIX = 'jv-bench load in progress, indexes to restore: ';

export async function secondaryIndexes(
  sql: postgres.Sql,
  tables: readonly string[],
): Promise<SecondaryIndex[]> {
  return sql<SecondaryIndex[]>`
    SELECT i.relname AS name, t.relname AS table, pg_get_indexdef(x.indexrelid) AS definition
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY(${tables as string[]})
      AND NOT x.indisunique AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY t.relname, i.relname`;
}

/** Rebuilds indexes an interrupted load left dropped (recorded in the database comment). */
export async function repairInterruptedLoad(sql: postgres.Sql, database: string): Promise<number> {
  const [row] = await sql<{ comment: string | null }[]>`
    SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = ${database}`;
  const comment = row?.comment ?? '';
  if (!comment.startsWith(PENDING_PREFIX)) return 0;
  const pending = JSON.parse(comment.slice(PENDING_PREFIX.length)) as SecondaryIndex[];
  const missing: SecondaryIndex[] = [];
  for (const index of pending) {
    const [found] = await sql`SELECT 1 FROM pg_class WHERE relname = ${index.name}
                              AND relnamespace = 'public'::regnamespace`;
    if (!found) missing.push(index);
  }
  await buildIndexes(sql, missing);
  await sql.unsafe(`COMMENT ON DATABASE "${database}" IS NULL`);
  return missing.length;
}

export async function dropIndexes(
  sql: postgres.Sql,
  database: string,
  indexes: SecondaryIndex[],
): Promise<void> {
  const note = PENDING_PREFIX + JSON.stringify(indexes);
  await sql.unsafe(`COMMENT ON DATABASE "${database}" IS '${note.replace(/'/g, "''")}'`);
  await sql.begin(async (tx) => {
    for (const index of indexes) await tx.unsafe(`DROP INDEX "public"."${index.name}"`);
  });
}

/** Builds the indexes two at a time (one per core), each with generous maintenance memory. */
export async function buildIndexes(sql: postgres.Sql, indexes: SecondaryIndex[]): Promise<void> {
  const queue = [...indexes];
  await Promise.all(
    [0, 1].map(async () => {
      const conn = await sql.reserve();
      try {
        await conn.unsafe(`SET maintenance_work_mem = '1GB'`);
        for (let index = queue.shift(); index; index = queue.shift()) await conn.unsafe(index.definition);
      } finally {
        await conn.unsafe('RESET maintenance_work_mem');
        conn.release();
      }
    }),
  );
}
