// The schema builder and nothing else: type definitions live with their domain (src/<domain>/).
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { RequestContext } from './context.js';

/** Largest page any connection returns; larger `first`/`last` values are refused. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
    URL: { Input: URL; Output: string };
    CountryCode: { Input: string; Output: string };
  };
}>({
  plugins: [RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: { description: 'Fetches any object by its global id.' },
    nodesQueryOptions: { description: 'Fetches objects by their global ids, in order; null for unknown ids.' },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque id.' },
    pageInfoTypeOptions: { description: 'Where a page sits in its connection.' },
    idFieldOptions: { description: 'Globally unique, opaque id (pass it to `node`).' },
    defaultConnectionTypeOptions: { description: 'A page of results (Relay cursor connection).' },
    defaultEdgeTypeOptions: { description: 'One result and its cursor.' },
    defaultPayloadTypeOptions: {},
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});

builder.queryType({ description: 'Reads: the event log, its people, agreements and sources.' });
