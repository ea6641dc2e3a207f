// The schema builder and nothing else: type definitions live with their domain (src/<domain>/).
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { accessDenied, READ, scopesFor, type AuthScopes } from '../auth/access.js';
import type PrismaTypes from '../../generated/pothos-types.js';
import { getDatamodel } from '../../generated/pothos-types.js';
import type { RequestContext } from './context.js';
import { badInput } from '../errors.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';

/** Largest page any connection returns; larger `first`/`last` values are refused. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    URL: { Input: URL; Output: string };
    CountryCode: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Scope auth first, so that a refused field runs nothing else.
  plugins: [ScopeAuthPlugin, RelayPlugin, PrismaPlugin],
  scopeAuth: {
    authScopes: (ctx) => scopesFor(ctx.viewer, ctx.access),
    // Subscriptions are checked once, when they start, not on every event they deliver.
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, ctx, info) => accessDenied(ctx.viewer, info.fieldName),
  },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    // One strict decoder for every id (src/core/graphql/global-id.ts). The operation check refuses a forged id
    // with the argument's name before this runs; this is the same rule for any path that skips it.
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, String(id)),
    decodeGlobalID: (globalID) => {
      const decoded = decodeGlobalId(globalID);
      if (!decoded) throw badInput('id', 'is not a global id (pass an `id` as the API returned it)');
      return decoded;
    },
    cursorType: 'String',
    nodeQueryOptions: {
      authScopes: READ,
      description: 'Fetches any object by its global id.',
      args: { id: { description: 'A global id, as returned in any `id` field.' } },
    },
    nodesQueryOptions: {
      authScopes: READ,
      description: 'Fetches objects by their global ids, in order; null for unknown ids.',
      args: { ids: { description: 'Global ids, as returned in `id` fields.' } },
    },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque id.' },
    pageInfoTypeOptions: { description: 'Where a page sits in its connection.' },
    idFieldOptions: { description: 'Globally unique, opaque id (pass it to `node`).' },
    defaultConnectionTypeOptions: { description: 'A page of results (Relay cursor connection).' },
    defaultEdgeTypeOptions: { description: 'One result and its cursor.' },
    defaultPayloadTypeOptions: {},
    pageInfoFieldOptions: { description: 'Where this page sits in the connection.' },
    edgesFieldOptions: { description: 'The results on this page, each with its cursor.' },
    nodeFieldOptions: { description: 'The result.' },
    cursorFieldOptions: { description: 'Opaque cursor of this result; pass it as `after`/`before`.' },
    hasNextPageFieldOptions: { description: 'Whether more results follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether results precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first result on this page.' },
    endCursorFieldOptions: {
      description: 'Cursor of the last result on this page; pass it as `after` for the next page.',
    },
    firstArgOptions: { description: `Return the first n results (at most ${MAX_PAGE_SIZE}).` },
    lastArgOptions: { description: `Return the last n results (at most ${MAX_PAGE_SIZE}).` },
    afterArgOptions: { description: 'Return results after this cursor.' },
    beforeArgOptions: { description: 'Return results before this cursor.' },
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});

builder.queryType({ description: 'Reads: the event log, its people, agreements and sources.' });
