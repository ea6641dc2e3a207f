// Live records refer only to live records. A soft delete hides a record from every read, so deleting one
// that live records still point to (a participant who took part in events, a source that claims cite)
// would leave those records pointing at something hidden; and restoring a record whose references were
// deleted meanwhile would do the same. Both are refused with CONFLICT, naming what is in the way.
import {
  citationsOfRecordSql,
  liveSql,
  modelOfTable,
  type SoftDeletableModel,
  type SoftDeletableTable,
} from '../db/models.js';
import { apiError, ErrorCode } from '../errors.js';
import type { Tx } from './write-transaction.js';

/** "1 remark", "2 remarks": one kind of live record still referring to the deleted one. */
export interface Dependents {
  count: number;
  /** What one is called; several are called so with an "s" on the first word ("agreements signed at it"). */
  singular: string;
}

/** Refuses to delete a record that live records still refer to, listing them. */
export function refuseWhileReferenced(entity: string, dependents: readonly Dependents[]): void {
  const uses = dependents
    .filter((d) => d.count > 0)
    .map((d) => `${d.count} ${d.count === 1 ? d.singular : d.singular.replace(/^\S+/, '$&s')}`);
  if (uses.length === 0) return;
  const listed = uses.length === 1 ? uses[0] : `${uses.slice(0, -1).join(', ')} and ${uses.at(-1)}`;
  throw apiError(
    ErrorCode.CONFLICT,
    `This ${entity} is still referred to by ${listed}; change or delete those first`,
    { field: 'input.id' },
  );
}

type LinkedTable = SoftDeletableTable;

export interface Link {
  table: LinkedTable;
  id: string | null | undefined;
  /** What the reference is, for the message: "speaker", "holder", "country". */
  what: string;
}

/** Refuses to restore a record that refers to a deleted one (restore that first). */
export async function refuseDeletedLinks(tx: Tx, entity: string, links: readonly Link[]): Promise<void> {
  for (const link of links) {
    if (!link.id) continue;
    const [row] = await tx.$queryRawUnsafe<{ deleted: boolean }[]>(
      `SELECT NOT (${liveSql(modelOfTable(link.table), 'r')}) AS deleted FROM "${link.table}" r WHERE id = $1::uuid`,
      link.id,
    );
    if (row?.deleted)
      throw apiError(
        ErrorCode.CONFLICT,
        `This ${entity} refers to a deleted ${link.table} (its ${link.what}); restore that first`,
        { field: 'input.id' },
      );
  }
}

/** Refuses to restore record `id` of `model` while the claims it brings back cite a deleted source. */
export async function refuseDeletedCitedSources(
  tx: Tx,
  entity: string,
  model: SoftDeletableModel,
  id: string,
): Promise<void> {
  const claims = citationsOfRecordSql(model, 'c', '$1::uuid');
  if (claims.length === 0) return;
  const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM citation c JOIN source s ON s.id = c.source_id
     WHERE (${claims.join(' OR ')}) AND NOT (${liveSql('Source', 's')})`,
    id,
  );
  if (row && row.n > 0)
    throw apiError(
      ErrorCode.CONFLICT,
      `This ${entity} cites ${row.n === 1 ? 'a deleted source' : `${row.n} deleted sources`}; restore them first`,
      { field: 'input.id' },
    );
}
