// What every record of the registry (src/core/db/models.ts) has in GraphQL, declared once: its lifecycle
// fields, the paging its lists share and its root field by slug. Its node type is record-node.ts.
import {
  CLAIM_MODELS,
  liveWhere,
  MODEL_NAMES,
  MODELS,
  SOFT_DELETABLE_MODELS,
  type ModelName,
} from '../db/models.js';
import { READ } from '../auth/access.js';
import { notFound } from '../errors.js';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './builder.js';
import type { RequestContext } from './context.js';
import type { Query } from './merge-queries.js';
import { readsOf, type LoadedModel } from './record-loaders.js';

/** Paging of a list of records: keyset by id, the server's page sizes. */
export const recordPage = {
  cursor: 'id',
  defaultSize: DEFAULT_PAGE_SIZE,
  maxSize: MAX_PAGE_SIZE,
} as const;

/** A root list of records: public reads, paged by `recordPage`. */
export const rootRecordPage = { authScopes: READ, ...recordPage } as const;

/** A list of records below another record: paged by `recordPage`, with its total. */
export const relatedRecordPage = { ...recordPage, totalCount: true } as const;

/** A root field answering one live record of `model` by its slug; NOT_FOUND when there is none. */
export function recordBySlug<M extends ModelName & LoadedModel>(
  model: M,
  description = `One ${MODELS[model].label} by slug; NOT_FOUND when there is none.`,
) {
  const { label } = MODELS[model];
  return {
    authScopes: READ,
    type: model,
    nullable: true,
    description,
    args: builder.args((t) => ({
      slug: t.string({ required: true, description: `The ${label}’s slug.` }),
    })),
    resolve: async (query: Query, _root: unknown, { slug }: { slug: string }, ctx: RequestContext) => {
      const found = await readsOf(ctx, model).findFirst({ ...query, where: { slug, ...liveWhere[model] } });
      if (!found) throw notFound(label, slug);
      return found;
    },
  } as const;
}

type SlugModel = { [M in ModelName]: (typeof MODELS)[M] extends { slug: true } ? M : never }[ModelName];
const SLUG_MODELS = MODEL_NAMES.filter((m) => 'slug' in MODELS[m]) as SlugModel[];

// The slug every record that has one is found by (see recordBySlug).
for (const model of SLUG_MODELS)
  builder.prismaObjectFields(model, (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, human-readable identifier, usable in URLs.' }),
  }));

// Every claim's citations (its description is the model's, in schema.prisma), in a stable order.
for (const model of CLAIM_MODELS)
  builder.prismaObjectFields(model, (t) => ({
    citations: t.relation('citations', { query: { orderBy: { id: 'asc' } } }),
  }));

// Optimistic concurrency and soft delete, the same for every soft-deletable model.
for (const model of SOFT_DELETABLE_MODELS)
  builder.prismaObjectFields(model, (t) => ({
    version: t.exposeInt('version', {
      description: 'Incremented by every update; send it back to update safely.',
    }),
    deletedAt: t.expose('deletedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was deleted; reads hide deleted records, so only mutation payloads show a value.',
    }),
  }));
