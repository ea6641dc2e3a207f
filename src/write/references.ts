// Ids an input refers to must exist (and not be deleted). Checked up front, in one query per table, so
// that the error names the input field rather than surfacing later as a foreign-key violation.
import { apiError, ErrorCode } from '../errors.js';
import type { Tx } from './write-transaction.js';

export interface Reference {
  id: string;
  /** The input field that holds the id, e.g. `input.participants[2].participantId`. */
  field: string;
}

type ReferableTable = 'participant' | 'source' | 'event' | 'agreement' | 'position' | 'remark';

export async function requireExisting(
  tx: Tx,
  table: ReferableTable,
  refs: readonly Reference[],
): Promise<void> {
  if (refs.length === 0) return;
  const ids = [...new Set(refs.map((r) => r.id))];
  const found = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text FROM "${table}" WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
    ids,
  );
  const present = new Set(found.map((r) => r.id));
  const missing = refs.find((r) => !present.has(r.id));
  if (missing)
    throw apiError(
      ErrorCode.BAD_USER_INPUT,
      `${missing.field}: no ${table} with this id (or it is deleted)`,
      {
        field: missing.field,
      },
    );
}
