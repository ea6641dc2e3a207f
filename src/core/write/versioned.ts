// Optimistic concurrency: every mutable record carries a version; an update names the version it read
// and succeeds only if that is still the current one. The check is in the UPDATE's WHERE clause, so two
// concurrent updates of the same version cannot both pass: PostgreSQL makes the second wait for the
// first, re-reads the row, finds the version moved on, and updates nothing.
import { Prisma } from '../../generated/prisma/client.js';
import { MODELS, type SoftDeletableModel } from '../db/models.js';
import { apiError, ErrorCode } from '../errors.js';
import type { Tx, WriteScope } from './write-transaction.js';

/** A row of a versioned (soft-deletable) model, as Prisma reads it. */
export type RowOf<M extends SoftDeletableModel> = Prisma.TypeMap['model'][M]['payload']['scalars'];

/** The two calls this needs from a model's Prisma delegate (tx.event, tx.participant…). */
interface VersionedDelegate<Row> {
  findUnique(args: { where: { id: string } }): Promise<Row | null>;
  update(args: { where: { id: string; version: number }; data: never }): Promise<Row>;
}

const delegate = <M extends SoftDeletableModel>(tx: Tx, model: M) =>
  (tx as unknown as Record<string, VersionedDelegate<RowOf<M>>>)[
    model.charAt(0).toLowerCase() + model.slice(1)
  ]!;

export type Liveness = 'live' | 'deleted';

const staleVersion = (entity: string, current: number) =>
  apiError(
    ErrorCode.CONFLICT,
    `This ${entity} was changed by someone else (now at version ${current}); reload it and apply your change again`,
    { field: 'input.version', currentVersion: current },
  );

/** Loads the row to change, refusing unknown ids, the wrong liveness and stale versions. */
export async function loadForWrite<M extends SoftDeletableModel>(
  tx: Tx,
  model: M,
  id: string,
  version: number,
  expect: Liveness = 'live',
): Promise<RowOf<M>> {
  const entity = MODELS[model].label;
  const row = await delegate(tx, model).findUnique({ where: { id } });
  if (!row) throw apiError(ErrorCode.NOT_FOUND, `No ${entity} with this id`, { field: 'input.id' });
  if (expect === 'live' && row.deletedAt)
    throw apiError(ErrorCode.NOT_FOUND, `This ${entity} is deleted; restore it first`, { field: 'input.id' });
  if (expect === 'deleted' && !row.deletedAt)
    throw apiError(ErrorCode.CONFLICT, `This ${entity} is not deleted`, { field: 'input.id' });
  if (row.version !== version) throw staleVersion(entity, row.version);
  return row;
}

/** Applies `data` if the row is still at `version`, bumping the version. */
export async function updateVersioned<M extends SoftDeletableModel>(
  tx: Tx,
  model: M,
  before: RowOf<M>,
  data: object,
): Promise<RowOf<M>> {
  try {
    return await delegate(tx, model).update({
      where: { id: before.id, version: before.version },
      data: { ...data, version: { increment: 1 } } as never,
    });
  } catch (error) {
    // P2025: no row matched id + version — a concurrent write committed first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025')
      throw staleVersion(MODELS[model].label, before.version + 1);
    throw error;
  }
}

/** `updateVersioned`, audited as an UPDATE of the record; returns the row as written. */
export async function updateRecord<M extends SoftDeletableModel>(
  scope: WriteScope,
  model: M,
  before: RowOf<M>,
  data: object,
): Promise<RowOf<M>> {
  const after = await updateVersioned(scope.tx, model, before, data);
  scope.audit({ action: 'UPDATE', entityType: model, entityId: after.id, before, after });
  return after;
}
