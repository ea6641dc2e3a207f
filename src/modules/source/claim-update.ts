// The tail every update of a claim shares: the versioned row write, the bases of the values it changed
// (checked and rewritten), and the audit entry. What comes before (references, slugs, date order) and
// after (which event pages to announce) differs by claim and stays with each domain's write.
import type { ClaimModel, SoftDeletableModel } from '../../core/db/models.js';
import { updateRecord, type RowOf } from '../../core/write/versioned.js';
import type { WriteScope } from '../../core/write/write-transaction.js';
import { BASIS_TARGET, rebaseUpdatedValues, type BasisIn, type WrittenValue } from './basis.js';

/** A claim with a version and a soft delete of its own (not one that lives through its owner). */
export type VersionedClaim = ClaimModel & SoftDeletableModel;

/**
 * Writes `data` over `before` (refused if its version moved on) and returns the row as written;
 * `values` are the row's values that can have a basis, as the basis rule takes them.
 */
export async function updateClaim<M extends VersionedClaim>(
  scope: WriteScope,
  claim: { type: M; values: (row: RowOf<M>) => Record<string, WrittenValue> },
  before: RowOf<M>,
  data: object,
  bases: readonly BasisIn[] | null | undefined,
): Promise<RowOf<M>> {
  const after = await updateRecord(scope, claim.type, before, data);
  await rebaseUpdatedValues(
    scope.tx,
    claim.type,
    { [BASIS_TARGET[claim.type]]: after.id },
    claim.values(after),
    claim.values(before),
    bases,
  );
  return after;
}
