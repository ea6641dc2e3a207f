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
