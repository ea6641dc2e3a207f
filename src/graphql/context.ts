// The request context: built once per request, in one function, and fully typed.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { StatementTally } from '../db/statement-counter.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface RequestContext {
  readonly prisma: PrismaClient;
  /** Per-request batch loaders for fields that Prisma's selection planning does not cover. */
  readonly loaders: Loaders;
  /** SQL statements this request has sent so far (reported in `extensions.sql`). */
  readonly tally: StatementTally;
}

export function createRequestContext(prisma: PrismaClient): RequestContext {
  return { prisma, loaders: createLoaders(prisma), tally: { statements: 0 } };
}
