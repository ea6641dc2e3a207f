// The tail every update of a claim shares: the versioned row write, the bases of the values it changed
// (checked and rewritten), and the audit entry. What comes before (references, slugs, date order) and
// after (which event pages to announce) differs by claim and stays with each domain's write.
import { updateVersioned, type VersionedModel, type VersionedRow } from '../../core/write/versioned.js';
import type { WriteScope } from '../../core/write/write-transaction.js';
import {
  BASIS_TARGET,
  rebaseUpdatedValues,
  type BasisClaimType,
  type BasisIn,
  type WrittenValue,
} from './basis.js';

export interface ClaimTable<Row extends VersionedRow> {
  /** The claim's model (e.g. tx.position), from the write's transaction. */
  model: VersionedModel<Row>;
  /** Its name in messages (`position`). */
  entity: string;
  /** Its claim type, which names its audit entries and its basis column. */
  type: BasisClaimType;
  /** The values of a row that can have a basis, as the basis rule takes them. */
  values: (row: Row) => Record<string, WrittenValue>;
}

/** Writes `data` over `before` (refused if its version moved on) and returns the row as written. */
export async function updateClaim<Row extends VersionedRow>(
  scope: WriteScope,
  claim: ClaimTable<Row>,
  before: Row,
  data: object,
  bases: readonly BasisIn[] | null | undefined,
): Promise<Row> {
  const after = await updateVersioned(claim.model, claim.entity, before, data);
  await rebaseUpdatedValues(
    scope.tx,
    claim.type,
    { [BASIS_TARGET[claim.type]]: after.id },
    claim.values(after),
    claim.values(before),
    bases,
  );
  scope.audit({ action: 'UPDATE', entityType: claim.type, entityId: after.id, before, after });
  return after;
}
