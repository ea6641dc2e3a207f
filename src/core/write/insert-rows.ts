// Rows of several tables in one INSERT statement: the rows travel as one JSON parameter per table
// (jsonb_to_recordset turns them back into typed columns), and data-modifying WITH clauses put the
// tables' INSERTs into a single statement. Foreign keys between them are checked at the end of that
// statement, so a parent and its children can be inserted together.
import { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from './write-transaction.js';

/** A table and its columns (name → SQL type), as written here: never from input. */
export interface RowsInto {
  table: string;
  columns: Readonly<Record<string, string>>;
  /** Objects keyed by column name; a missing key is NULL (not the column's default). */
  rows: readonly Record<string, unknown>[];
}

function insertSql({ table, columns, rows }: RowsInto): Prisma.Sql {
  const names = Object.keys(columns).map((c) => `"${c}"`);
  const typed = Object.entries(columns).map(([c, type]) => `"${c}" ${type}`);
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(names.join(', '))})
    SELECT ${Prisma.raw(names.join(', '))}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(${Prisma.raw(typed.join(', '))})`;
}

/** Inserts every table's rows in one statement, in the order given (parents first). */
export async function insertRows(tx: Tx, inserts: readonly RowsInto[]): Promise<void> {
  const parts = inserts.filter((i) => i.rows.length > 0).map(insertSql);
  const last = parts.pop();
  if (!last) return;
  const withs = parts.map((part, i) => Prisma.sql`${Prisma.raw(`insert_${i}`)} AS (${part})`);
  await tx.$executeRaw`${withs.length > 0 ? Prisma.sql`WITH ${Prisma.join(withs, ', ')}` : Prisma.empty} ${last}`;
}
