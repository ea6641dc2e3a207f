// Optimistic concurrency: every mutable record carries a version; an update names the version it read
// and succeeds only if that is still the current one. The check is in the UPDATE's WHERE clause, so two
// concurrent updates of the same version cannot both pass: PostgreSQL makes the second wait for the
// first, re-reads the row, finds the version moved on, and updates nothing.
import { Prisma } from '../../generated/prisma/client.js';
import { apiError, ErrorCode } from '../errors.js';

export interface VersionedRow {
  id: string;
  version: number;
  deletedAt: Date | null;
}

/** The two calls this needs from a Prisma model delegate (tx.event, tx.participant…). */
export interface VersionedModel<Row extends VersionedRow> {
  findUnique(args: { where: { id: string } }): Promise<Row | null>;
  update(args: { where: { id: string; version: number }; data: never }): Promise<Row>;
}

export type Liveness = 'live' | 'deleted';

const staleVersion = (entity: string, current: number) =>
  apiError(
    ErrorCode.CONFLICT,
    `This ${entity} was changed by someone else (now at version ${current}); reload it and apply your change again`,
    { field: 'input.version', currentVersion: current },
  );

/** Loads the row to change, refusing unknown ids, the wrong liveness and stale versions. */
export async function loadForWrite<Row extends VersionedRow>(
  model: VersionedModel<Row>,
  entity: string,
  id: string,
  version: number,
  expect: Liveness = 'live',
): Promise<Row> {
  const row = await model.findUnique({ where: { id } });
  if (!row) throw apiError(ErrorCode.NOT_FOUND, `No ${entity} with this id`, { field: 'input.id' });
  if (expect === 'live' && row.deletedAt)
    throw apiError(ErrorCode.NOT_FOUND, `This ${entity} is deleted; restore it first`, { field: 'input.id' });
  if (expect === 'deleted' && !row.deletedAt)
    throw apiError(ErrorCode.CONFLICT, `This ${entity} is not deleted`, { field: 'input.id' });
  if (row.version !== version) throw staleVersion(entity, row.version);
  return row;
}

/** Applies `data` if the row is still at `version`, bumping the version. */
export async function updateVersioned<Row extends VersionedRow>(
  model: VersionedModel<Row>,
  entity: string,
  before: Row,
  data: object,
): Promise<Row> {
  try {
    return await model.update({
      where: { id: before.id, version: before.version },
      data: { ...data, version: { increment: 1 } } as never,
    });
  } catch (error) {
    // P2025: no row matched id + version — a concurrent write committed first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025')
      throw staleVersion(entity, before.version + 1);
    throw error;
  }
}
