// The request context: built once per request (or WebSocket operation), in one function, fully typed.
import type { AccessPolicy } from '../auth/access.js';
import { ANONYMOUS, type Viewer } from '../auth/authenticate.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { DirectRead } from '../db/direct-reads.js';
import type { StatementTally } from '../db/statement-counter.js';
import type { ChangeFeed } from '../live/change-feed.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface RequestContext {
  readonly prisma: PrismaClient;
  /**
   * A read statement sent without Prisma's client runtime, prepared once per connection when named
   * (db/direct-reads.ts): for hand-written statements that run on every request of a page.
   */
  readonly read: DirectRead;
  /** Who is calling (resolved from the API key before any resolver runs). */
  readonly viewer: Viewer;
  readonly access: AccessPolicy;
  /** Correlates logs and audit entries with the request. */
  readonly requestId: string | undefined;
  /** Changes made by any server on this database, for subscriptions. */
  readonly changes: ChangeFeed;
  /** Per-request batch loaders for fields that Prisma's selection planning does not cover. */
  readonly loaders: Loaders;
  /** SQL statements this request has sent so far (reported in `extensions.sql`). */
  readonly tally: StatementTally;
}

export interface ContextParts {
  prisma: PrismaClient;
  read: DirectRead;
  changes: ChangeFeed;
  access: AccessPolicy;
  viewer?: Viewer;
  requestId?: string;
  tally?: StatementTally;
}

export function createRequestContext(parts: ContextParts): RequestContext {
  return {
    prisma: parts.prisma,
    read: parts.read,
    viewer: parts.viewer ?? ANONYMOUS,
    access: parts.access,
    requestId: parts.requestId,
    changes: parts.changes,
    loaders: createLoaders(),
    tally: parts.tally ?? { statements: 0 },
  };
}
