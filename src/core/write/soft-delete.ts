// Soft delete and restore, the same for every soft-deletable record: load it at the version the client
// read (live to delete, deleted to restore), apply the record's own rules, set or clear `deleted_at`
// with the version check, audit, and announce the event page it shows on. What differs by record (who
// may still refer to it, what it refers to, which event page shows it) is its `DeletionRules`.
import { MODELS, type ClaimModel, type SoftDeletableModel } from '../db/models.js';
import {
  refuseDeletedCitedSources,
  refuseDeletedLinks,
  refuseWhileReferenced,
  type Dependents,
  type Link,
} from './dependents.js';
import { loadForWrite, updateVersioned, type RowOf } from './versioned.js';
import type { Tx, WriteScope } from './write-transaction.js';

/** What must be live for a record to come back: the records it refers to, and the sources its claims cite. */
export interface RestoreNeeds {
  links?: readonly Link[];
  /** The claims restored with it, by type, whose citations must not quote a deleted source. */
  cited?: Partial<Record<ClaimModel, readonly string[]>>;
}

export interface DeletionRules<M extends SoftDeletableModel> {
  /** Live records that still refer to it, counted in turn: its deletion is refused while any remain. */
  dependents?: (tx: Tx, id: string) => Promise<readonly Dependents[]>;
  /** What must be live for it to be restored. */
  restoreNeeds?: (tx: Tx, row: RowOf<M>) => RestoreNeeds | Promise<RestoreNeeds>;
  /**
   * The event whose page shows it. That page is announced as UPDATED; an event's own page as DELETED or
   * RESTORED.
   */
  eventPage?: (row: RowOf<M>) => string | null;
}

/** Soft-deletes (`deleted`) or restores the record `id` of `model`, read at version `expected`. */
export async function setDeleted<M extends SoftDeletableModel>(
  scope: WriteScope,
  model: M,
  rules: DeletionRules<M>,
  id: string,
  expected: number,
  deleted: boolean,
): Promise<{ id: string; row: RowOf<M> }> {
  const { tx } = scope;
  const entity = MODELS[model].label;
  const before = await loadForWrite(tx, model, id, expected, deleted ? 'live' : 'deleted');
  if (deleted && rules.dependents) refuseWhileReferenced(entity, await rules.dependents(tx, id));
  if (!deleted && rules.restoreNeeds) {
    const { links = [], cited = {} } = await rules.restoreNeeds(tx, before);
    await refuseDeletedLinks(tx, entity, links);
    for (const [claim, ids] of Object.entries(cited) as [ClaimModel, string[]][])
      await refuseDeletedCitedSources(tx, entity, claim, ids);
  }
  const after = await updateVersioned(tx, model, before, { deletedAt: deleted ? new Date() : null });
  scope.audit({ action: deleted ? 'DELETE' : 'RESTORE', entityType: model, entityId: id, before, after });
  const eventId = rules.eventPage?.(before);
  if (eventId)
    scope.announce({
      eventId,
      operation: eventId !== id ? 'UPDATED' : deleted ? 'DELETED' : 'RESTORED',
    });
  return { id, row: after };
}
