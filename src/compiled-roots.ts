// The root fields the compiled read path starts from (given to the server by src/app.ts, so that core's
// compiler knows no module). A root field's resolver is code, so each one names
// here the Prisma query its resolver sends, from the same functions the resolver calls (filters, orders
// and the live rule of src/core/db/models.ts); everything below the root is read from the schema.
import { AGREEMENTS_ORDER, agreementWhere } from './modules/agreement/agreement.schema.js';
import { liveWhere } from './core/db/models.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './core/graphql/builder.js';
import { eventsQuery } from './modules/event/event.schema.js';
import type { CompiledRoots } from './core/graphql/compile/compiled-reads.js';

/** As the connections declare them (defaultSize, maxSize). */
const pageSize = { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE };

export const ROOT_FIELDS: CompiledRoots = {
  events: {
    model: 'Event',
    kind: 'connection',
    pageSize,
    query: (args) => {
      const { where, orderBy } = eventsQuery(args as Parameters<typeof eventsQuery>[0]);
      return { where, orderBy };
    },
  },
  agreements: {
    model: 'Agreement',
    kind: 'connection',
    pageSize,
    query: (args) => ({
      where: agreementWhere(args.filter as Parameters<typeof agreementWhere>[0]),
      orderBy: AGREEMENTS_ORDER,
    }),
  },
  // findFirst by slug; no row is NOT_FOUND, which normal execution reports.
  participant: {
    model: 'Participant',
    kind: 'one',
    query: (args) => ({ where: { slug: args.slug, ...liveWhere.Participant } }),
  },
};
