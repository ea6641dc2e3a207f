// Records that fields load by id outside Prisma relations (a search hit, a dyad's actors, the people who
// met most): one by-id loader per model (see byIdLoader), and the lookup that answers NOT_FOUND.
import type { Agreement, Citation, Event, Participant, Remark } from '../../generated/prisma/client.js';
import { MODELS, type ModelName } from '../db/models.js';
import { notFound } from '../errors.js';
import type { RequestContext } from './context.js';
import { byIdLoader, type ByIdLoader } from './loaders.js';
import type { Query } from './merge-queries.js';

/** The row of each model loaded by id. */
interface RecordOf {
  Participant: Participant;
  Event: Event;
  Agreement: Agreement;
  Remark: Remark;
  Citation: Citation;
}
export type LoadedModel = keyof RecordOf;

/** The request's by-id loader of `model`'s records. */
export function recordsById<M extends LoadedModel>(ctx: RequestContext, model: M): ByIdLoader<RecordOf[M]> {
  const delegate = ctx.prisma[
    `${model[0]!.toLowerCase()}${model.slice(1)}` as Uncapitalize<M>
  ] as unknown as {
    findMany(args: object): Promise<RecordOf[M][]>;
  };
  return byIdLoader(ctx, model, (ids, query) => delegate.findMany({ ...query, where: { id: { in: ids } } }));
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
