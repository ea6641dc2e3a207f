// Rows of several tables in one INSERT statement: the rows travel as one JSON parameter per table
// (jsonb_to_recordset turns them back into typed columns), and data-modifying WITH clauses put the
// tables' INSERTs into a single statement. Foreign keys between them are checked at the end of that
// statement, so a parent and its children can be inserted together.
import { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from './write-transaction.js';

/**
 * A table and its rows, keyed as Prisma names the fields (the rows Prisma would be given). `columns`
 * gives each field's SQL type, as written here (never from input); its column is the field's name in
 * snake_case, as the schema maps every field. A field no row gives is left to the column's default; one
 * a row leaves out while others give it is NULL in that row.
 */
export interface RowsInto {
  table: string;
  columns: Readonly<Record<string, string>>;
  rows: readonly Record<string, unknown>[];
}

const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function insertSql({ table, columns, rows }: RowsInto): Prisma.Sql {
  const given = new Set(rows.flatMap((row) => Object.keys(row)));
  for (const field of given)
    if (!(field in columns)) throw new Error(`insertRows: ${table} has no column declared for ${field}`);
  const fields = Object.keys(columns).filter((field) => given.has(field));
  const json = rows.map((row) => Object.fromEntries(fields.map((f) => [columnOf(f), row[f] ?? null])));
  const names = fields.map((f) => `"${columnOf(f)}"`);
  const typed = fields.map((f) => `"${columnOf(f)}" ${columns[f]}`);
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(names.join(', '))})
    SELECT ${Prisma.raw(names.join(', '))}
    FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS x(${Prisma.raw(typed.join(', '))})`;
}

/** Inserts every table's rows in one statement, in the order given (parents first). */
export async function insertRows(tx: Tx, inserts: readonly RowsInto[]): Promise<void> {
  const parts = inserts.filter((i) => i.rows.length > 0).map(insertSql);
  const last = parts.pop();
  if (!last) return;
  const withs = parts.map((part, i) => Prisma.sql`${Prisma.raw(`insert_${i}`)} AS (${part})`);
  await tx.$executeRaw`${withs.length > 0 ? Prisma.sql`WITH ${Prisma.join(withs, ', ')}` : Prisma.empty} ${last}`;
}
