// Per-request DataLoaders for fields that are not Prisma relations, so lists of parents cost one query.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../generated/prisma/client.js';
import { findConflicts, type Conflict } from '../source/conflicts.data.js';

export interface Loaders {
  conflictsByTarget: DataLoader<string, Conflict[]>;
}

export function createLoaders(prisma: PrismaClient): Loaders {
  return {
    conflictsByTarget: new DataLoader(async (ids) => {
      const conflicts = await findConflicts(prisma, ids);
      return ids.map((id) => conflicts.filter((c) => c.claimId === id));
    }),
  };
}

// Per-request loaders by id, one per model and selection (Pothos' `query`), so that a field resolved for
// every item of a list costs one query for the whole list. Keys name the model and the selection.
const requestLoaders = new WeakMap<object, Map<string, DataLoader<string, unknown>>>();

export function byIdLoader<T extends { id: string }>(
  ctx: object,
  key: string,
  fetch: (ids: string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  let loaders = requestLoaders.get(ctx);
  if (!loaders) requestLoaders.set(ctx, (loaders = new Map()));
  let loader = loaders.get(key) as DataLoader<string, T | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, T | null>(async (ids) => {
      const rows = await fetch([...ids]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    loaders.set(key, loader as DataLoader<string, unknown>);
  }
  return loader;
}
