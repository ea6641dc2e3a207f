// Ids an input refers to must exist (and not be deleted). Checked up front, in one statement for all
// tables (see preflight), so that the error names the input field rather than surfacing later as a
// foreign-key violation.
import { liveFragment, modelOfTable, type ReferableTable } from '../db/models.js';
import { Prisma } from '../../generated/prisma/client.js';
import { apiError, ErrorCode } from '../errors.js';
import type { Tx } from './write-transaction.js';

export interface Reference {
  id: string;
  /** The input field that holds the id, e.g. `input.participants[2].participantId`. */
  field: string;
}

export type { ReferableTable };

/** Ids to check, per table; checked in this order, so the first missing one is the one refused. */
export type ReferenceChecks = Partial<Record<ReferableTable, readonly Reference[]>>;

/** A sub-select of the rows (kind = table, value = id) that exist among `refs`. */
export function existingIdsQuery(table: ReferableTable, refs: readonly Reference[]): Prisma.Sql {
  const ids = [...new Set(refs.map((r) => r.id))];
  return Prisma.sql`SELECT ${table}::text AS kind, id::text AS value FROM ${Prisma.raw(`"${table}"`)} r
    WHERE id = ANY(${ids}::uuid[]) AND ${liveFragment(modelOfTable(table), 'r')}`;
}

/** BAD_USER_INPUT naming the first reference whose id is not among `found` (rows of existingIdsQuery). */
export function refuseMissing(checks: ReferenceChecks, found: readonly { kind: string; value: string }[]) {
  const present = new Set(found.map((r) => `${r.kind}:${r.value}`));
  for (const [table, refs] of Object.entries(checks)) {
    const missing = refs?.find((r) => !present.has(`${table}:${r.id}`));
    if (missing)
      throw apiError(
        ErrorCode.BAD_USER_INPUT,
        `${missing.field}: no ${table} with this id (or it is deleted)`,
        { field: missing.field },
      );
  }
}

export async function requireExisting(
  tx: Tx,
  table: ReferableTable,
  refs: readonly Reference[],
): Promise<void> {
  if (refs.length === 0) return;
  refuseMissing({ [table]: refs }, await tx.$queryRaw(existingIdsQuery(table, refs)));
}
