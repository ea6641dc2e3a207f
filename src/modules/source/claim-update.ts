// The tails every write of a claim shares. A new claim: its audit entry, its citations and the bases of
// its values. An update: the versioned row write, the bases of the values it changed (checked and
// rewritten), and the audit entry. What comes before (references, slugs, date order) and after (which
// event pages to announce) differs by claim and stays with each domain's write.
import { eventPageOf, MODELS, type ClaimModel, type SoftDeletableModel } from '../../core/db/models.js';
import { updateRecord, type RowOf } from '../../core/write/versioned.js';
import type { WriteScope } from '../../core/write/write-transaction.js';
import { BASIS_TARGET, rebaseUpdatedValues, writeBases, type BasisIn, type WrittenValue } from './basis.js';
import {
  writeCitations,
  type CitationIn,
  type CitationTarget,
  type SourceResolver,
} from './source.writes.js';

/** Audits a claim just created (`row`) and writes its citations (named `field` in errors) and bases. */
export async function recordNewClaim(
  scope: WriteScope,
  sources: SourceResolver,
  claim: { type: ClaimModel; row: { id: string } },
  citations: readonly CitationIn[],
  bases: readonly BasisIn[] | null | undefined,
  field = 'input.citations',
): Promise<void> {
  const { type, row } = claim;
  scope.audit({ action: 'CREATE', entityType: type, entityId: row.id, after: row });
  const target = { [MODELS[type].claim.field]: row.id };
  await writeCitations(scope, sources, target as CitationTarget, citations, field);
  await writeBases(scope.tx, target, bases);
}

/** A claim with a version and a soft delete of its own (not one that lives through its owner). */
export type VersionedClaim = ClaimModel & SoftDeletableModel;

/** A claim with its own version and soft delete, as its writes need it. */
export interface ClaimTable<M extends VersionedClaim> {
  type: M;
  /** The row's values that can have a basis, as the basis rule takes them. */
  values: (row: RowOf<M>) => Record<string, WrittenValue>;
}

/**
 * Writes `data` over `before` (refused if its version moved on), rewrites the bases of the values it
 * changed, audits it and announces the event pages it was and is on; returns the row as written.
 */
export async function updateClaim<M extends VersionedClaim>(
  scope: WriteScope,
  claim: ClaimTable<M>,
  before: RowOf<M>,
  data: object,
  bases: readonly BasisIn[] | null | undefined,
): Promise<{ id: string; row: RowOf<M> }> {
  const after = await updateRecord(scope, claim.type, before, data);
  await rebaseUpdatedValues(
    scope.tx,
    claim.type,
    { [BASIS_TARGET[claim.type]]: after.id },
    claim.values(after),
    claim.values(before),
    bases,
  );
  // The pages it was and is on (the registry's eventPage) change.
  for (const eventId of new Set([eventPageOf(claim.type, before), eventPageOf(claim.type, after)]))
    if (eventId) scope.announce({ eventId, operation: 'UPDATED' });
  return { id: after.id, row: after };
}
