// Loads records by id for several fields at once, one `findMany` per model, even when the fields ask
// for different selections (Pothos' `query`: the events page wants dates, first contact only the title).
// Requests made in the same pass are grouped; selections that can be merged (the union of two `select`s
// or two `include`s with the same arguments) share one statement, and the rare ones that cannot (the same
// relation with different arguments) get their own. A merged selection reads a superset of each field's,
// which Pothos accepts.
import { isDeepStrictEqual } from 'node:util';

type Query = Record<string, unknown>;

/**
 * The selection that satisfies both `a` and `b`, or null when there is none short of reading more
 * rows (the same relation filtered, ordered or paged differently).
 */
export function mergeQueries(a: Query, b: Query): Query | null {
  if (isDeepStrictEqual(a, b)) return a;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const merged: Query = {};
  for (const key of keys) {
    if (key === 'select' || key === 'include') continue;
    // Relation arguments (where, orderBy, take…) must agree.
    if (!isDeepStrictEqual(a[key], b[key])) return null;
    merged[key] = a[key];
  }
  const aMode = 'select' in a ? 'select' : 'include' in a ? 'include' : null;
  const bMode = 'select' in b ? 'select' : 'include' in b ? 'include' : null;
  // {} reads every scalar and no relation: it agrees with any `include`, not with a narrower `select`.
  if (aMode === null && bMode === null) return merged;
  if (aMode === null && bMode === 'include') return { ...merged, include: b.include };
  if (bMode === null && aMode === 'include') return { ...merged, include: a.include };
  if (aMode !== bMode) return null;
  const fields = mergeFields(a[aMode!] as Query, b[bMode!] as Query);
  return fields && { ...merged, [aMode!]: fields };
}

function mergeFields(a: Query, b: Query): Query | null {
  const out: Query = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    if (mine === undefined || mine === false || isDeepStrictEqual(mine, value)) {
      out[key] = value;
      continue;
    }
    if (value === false) continue;
    // `true` on a relation reads its scalars: the same as an empty query.
    const merged = mergeQueries(mine === true ? {} : (mine as Query), value === true ? {} : (value as Query));
    if (!merged) return null;
    out[key] = merged;
  }
  return out;
}

interface Request {
  id: string;
  query: Query;
}

interface Waiting extends Request {
  resolve: (row: unknown) => void;
  reject: (error: unknown) => void;
}

/** One model's loader for one request. `fetch` reads rows by id with a (merged) selection. */
export class MergedByIdLoader<T extends { id: string }> {
  private queue: Waiting[] = [];

  constructor(private readonly fetch: (ids: string[], query: Query) => Promise<T[]>) {}

  /** The row with this id (null when there is none), read with at least `query`'s selection. */
  load(id: string, query: Query): Promise<T | null> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => void this.dispatch());
      this.queue.push({ id, query, resolve: resolve as (row: unknown) => void, reject });
    });
  }

  /** The rows with these ids, in this order, leaving out ids that have none. */
  async loadMany(ids: readonly string[], query: Query): Promise<T[]> {
    const rows: (T | null)[] = await Promise.all(ids.map((id) => this.load(id, query)));
    return rows.filter((row): row is T => row !== null);
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    const groups: { query: Query; waiting: Waiting[] }[] = [];
    for (const request of queue) {
      let placed = false;
      for (const group of groups) {
        const merged = mergeQueries(group.query, request.query);
        if (merged) {
          group.query = merged;
          group.waiting.push(request);
          placed = true;
          break;
        }
      }
      if (!placed) groups.push({ query: request.query, waiting: [request] });
    }
    await Promise.all(
      groups.map(async ({ query, waiting }) => {
        try {
          const rows = await this.fetch([...new Set(waiting.map((w) => w.id))], query);
          const byId = new Map(rows.map((row) => [row.id, row]));
          for (const w of waiting) w.resolve(byId.get(w.id) ?? null);
        } catch (error) {
          for (const w of waiting) w.reject(error);
        }
      }),
    );
  }
}

const perRequest = new WeakMap<object, Map<string, MergedByIdLoader<{ id: string }>>>();

/** The request's loader for `model` (created on first use). */
export function mergedByIdLoader<T extends { id: string }>(
  ctx: object,
  model: string,
  fetch: (ids: string[], query: Query) => Promise<T[]>,
): MergedByIdLoader<T> {
  let loaders = perRequest.get(ctx);
  if (!loaders) perRequest.set(ctx, (loaders = new Map()));
  let loader = loaders.get(model);
  if (!loader) {
    loader = new MergedByIdLoader(fetch) as unknown as MergedByIdLoader<{ id: string }>;
    loaders.set(model, loader);
  }
  return loader as unknown as MergedByIdLoader<T>;
}
