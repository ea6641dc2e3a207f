// Soft delete and restore, the same for every soft-deletable record: load it at the version the client
// read (live to delete, deleted to restore), apply the record's own rules, set or clear `deleted_at`
// with the version check, audit, and announce the event page it shows on (the registry's `eventPage`).
// What differs by record (who may still refer to it, what it refers to) is its `DeletionRules`.
import {
  eventPageOf,
  liveWhere,
  MODELS,
  ofLiveClaim,
  type ModelName,
  type SoftDeletableModel,
} from '../db/models.js';
import {
  refuseDeletedCitedSources,
  refuseDeletedLinks,
  refuseWhileReferenced,
  type Link,
} from './dependents.js';
import { loadForWrite, updateVersioned, type RowOf } from './versioned.js';
import type { Tx, WriteScope } from './write-transaction.js';

/**
 * One kind of record that may refer to another: those of `model` whose field `by` (or one of them) holds
 * the other's id, counted while live (the registry's rule for the model; for citations, while their
 * claim is).
 */
export interface Dependent {
  model: ModelName | 'Citation';
  by: string | readonly string[];
  /** What the message calls one ("agreement signed at it"); see Dependents. */
  singular: string;
}

export interface DeletionRules<M extends SoftDeletableModel> {
  /** Live records that may still refer to it: its deletion is refused while any remain. */
  dependents?: readonly Dependent[];
  /**
   * The records it refers to, which must be live for it to be restored. (The sources cited by the claims
   * it brings back must be live too: that rule comes from the registry, for every record.)
   */
  restoreLinks?: (tx: Tx, row: RowOf<M>) => readonly Link[] | Promise<readonly Link[]>;
}

interface CountDelegate {
  count(args: { where: object }): Promise<number>;
}
const delegate = (tx: Tx, model: string) =>
  (tx as unknown as Record<string, CountDelegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;

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
  if (deleted && rules.dependents) {
    // One statement per kind of reference, in turn (a transaction runs one statement at a time).
    const counted = [];
    for (const d of rules.dependents) {
      const live = d.model === 'Citation' ? ofLiveClaim : liveWhere[d.model];
      const refers = typeof d.by === 'string' ? { [d.by]: id } : { OR: d.by.map((f) => ({ [f]: id })) };
      const where = { ...refers, ...live };
      counted.push({ ...d, count: await delegate(tx, d.model).count({ where }) });
    }
    refuseWhileReferenced(entity, counted);
  }
  if (!deleted) {
    await refuseDeletedLinks(tx, entity, (await rules.restoreLinks?.(tx, before)) ?? []);
    await refuseDeletedCitedSources(tx, entity, model, id);
  }
  const after = await updateVersioned(tx, model, before, { deletedAt: deleted ? new Date() : null });
  scope.audit({ action: deleted ? 'DELETE' : 'RESTORE', entityType: model, entityId: id, before, after });
  // The page that shows it (the registry's eventPage) changes; an event's own page is deleted or restored.
  const eventId = eventPageOf(model, before);
  if (eventId)
    scope.announce({
      eventId,
      operation: eventId !== id ? 'UPDATED' : deleted ? 'DELETED' : 'RESTORED',
    });
  return { id, row: after };
}
