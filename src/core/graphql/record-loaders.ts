// Records that fields load by id outside Prisma relations (a search hit, a dyad's actors, the people who
// met most): one by-id loader per model (see byIdLoader), read directly where the selection allows
// (direct-records.ts) and through Prisma otherwise, and the lookup that answers NOT_FOUND.
import type {
  Agreement,
  Citation,
  Event,
  Participant,
  Remark,
  Source,
} from '../../generated/prisma/client.js';
import { MODELS, type ModelName } from '../db/models.js';
import { notFound } from '../errors.js';
import type { RequestContext } from './context.js';
import { directRecords } from './direct-records.js';
import { byIdLoader, type ByIdLoader } from './loaders.js';
import type { Query } from './merge-queries.js';

/** The row of each model fields load outside Prisma relations. */
interface RecordOf {
  Participant: Participant;
  Event: Event;
  Agreement: Agreement;
  Remark: Remark;
  Source: Source;
  Citation: Citation;
}
export type LoadedModel = keyof RecordOf;

/** The Prisma reads of `model` (its delegate: `ctx.prisma.event` for Event), as these loads use them. */
export function readsOf<M extends LoadedModel>(ctx: RequestContext, model: M) {
  // Prisma's delegates share no type that a model name could select.
  return ctx.prisma[`${model[0]!.toLowerCase()}${model.slice(1)}` as Uncapitalize<M>] as unknown as {
    findMany(args: object): Promise<RecordOf[M][]>;
    findFirst(args: object): Promise<RecordOf[M] | null>;
  };
}

/** The request's by-id loader of `model`'s records. */
export function recordsById<M extends LoadedModel>(ctx: RequestContext, model: M): ByIdLoader<RecordOf[M]> {
  return byIdLoader(
    ctx,
    model,
    async (ids, query) =>
      (await directRecords<RecordOf[M]>(ctx, model, ids, query)) ??
      readsOf(ctx, model).findMany({ ...query, where: { id: { in: ids } } }),
  );
}

/**
 * A copy of the selection Pothos hands a field's resolver. Copying reads it, which tells Pothos it was
 * used: a resolver that sometimes loads nothing (no id, an empty list) is not warned about.
 */
export const selectionOf = (query: Query): Query => ({ ...query });

/**
 * The record of `model` with this id, or null without loading anything when there is no id: for a field
 * that holds a record only sometimes (a search hit's event, a conflict's agreement, a removed citation).
 */
export function recordIfAny<M extends LoadedModel>(
  ctx: RequestContext,
  model: M,
  id: string | null | undefined,
  query: Query,
): Promise<RecordOf[M] | null> | null {
  const selection = selectionOf(query);
  return id ? recordsById(ctx, model).load(id, selection) : null;
}

/** The record of `model` with this id, with the selection its field asks for; NOT_FOUND when there is none. */
export async function recordById<M extends LoadedModel & ModelName>(
  ctx: RequestContext,
  model: M,
  id: string,
  query: Query,
): Promise<RecordOf[M]> {
  const found = await recordsById(ctx, model).load(id, query);
  if (!found) throw notFound(MODELS[model].label, id);
  return found;
}

/**
 * Options for `t.prismaField`: the record of `model` whose id the parent holds (`idOf`), loaded by id
 * with the selection the field asks for; NOT_FOUND when there is none.
 */
export const recordField = <M extends LoadedModel & ModelName, Parent>(
  model: M,
  description: string,
  idOf: (parent: Parent) => string,
) =>
  ({
    type: model,
    description,
    resolve: (query: Query, parent: Parent, _args: object, ctx: RequestContext) =>
      recordById(ctx, model, idOf(parent), query),
  }) as const;
