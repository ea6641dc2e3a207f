// The one loader mechanism: per-request DataLoaders on the context (`ctx.loaders`), so that a field
// resolved for every item of a list costs one query for the whole list. Fields that are not Prisma
// relations use a named loader; records loaded by id use `byIdLoader`, one loader per model that merges
// the selections of every field asking for that model.
import DataLoader from 'dataloader';
import { mergeQueries, type Query } from './merge-queries.js';

export class Loaders {
  private readonly made = new Map<string, unknown>();

  /** The request's loader named `key`, made by `make` on first use. */
  named<Loader>(key: string, make: () => Loader): Loader {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as Loader;
  }
}

export function createLoaders(): Loaders {
  return new Loaders();
}

/** Loads records of one model by id, each with at least the selection its field asks for. */
export interface ByIdLoader<T> {
  /** The row with this id (null when there is none). */
  load(id: string, query: Query): Promise<T | null>;
  /** The rows with these ids, in this order, leaving out ids that have none. */
  loadMany(ids: readonly string[], query: Query): Promise<T[]>;
}

const withId = (query: Query) =>
  'select' in query ? { ...query, select: { ...(query.select as object), id: true } } : query;

/**
 * The request's by-id loader for `model`. The loads of one pass are grouped by selection, merged where
 * they can be (mergeQueries), and each group costs one `fetch`: the events page wants dates, first
 * contact only the title, and both come from one statement.
 */
export function byIdLoader<T extends { id: string }>(
  ctx: { loaders: Loaders },
  model: string,
  fetch: (ids: string[], query: Query) => Promise<T[]>,
): ByIdLoader<T> {
  const loader = ctx.loaders.named(
    `byId:${model}`,
    () =>
      new DataLoader<{ id: string; query: Query }, T | null>(
        async (keys) => {
          const groups: { query: Query; keys: { id: string; query: Query }[] }[] = [];
          for (const key of keys) {
            const group = groups.find((g) => mergeQueries(g.query, key.query));
            if (group) {
              group.query = mergeQueries(group.query, key.query)!;
              group.keys.push(key);
            } else groups.push({ query: key.query, keys: [key] });
          }
          const found = new Map<{ id: string; query: Query }, T | null>();
          await Promise.all(
            groups.map(async (group) => {
              const rows = await fetch([...new Set(group.keys.map((k) => k.id))], withId(group.query));
              const byId = new Map(rows.map((row) => [row.id, row]));
              for (const key of group.keys) found.set(key, byId.get(key.id) ?? null);
            }),
          );
          return keys.map((key) => found.get(key) ?? null);
        },
        // Keys are (id, selection) pairs, so there is nothing to cache by; and resolvers of one list ask
        // at different promise depths, so a pass lasts until the event loop's next turn.
        { cache: false, batchScheduleFn: (run) => setImmediate(run) },
      ),
  );
  return {
    load: (id, query) => loader.load({ id, query }),
    loadMany: async (ids, query) => {
      const rows: (T | null)[] = await Promise.all(ids.map((id) => loader.load({ id, query })));
      return rows.filter((row): row is T => row !== null);
    },
  };
}
