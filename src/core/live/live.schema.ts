// Subscriptions: new and changed events, live, over graphql-ws on /graphql.
import { liveWhere } from '../db/models.js';
import { READ } from '../auth/access.js';
import { builder } from '../graphql/builder.js';
import { globalId, parseInput } from '../write/validation.js';
import { CHANGE_OPERATIONS, type EventChange } from './change-feed.js';
import { changeStream } from './change-stream.js';
import { namedEnum } from '../graphql/enums.js';

builder.subscriptionType({
  description:
    'Live updates, over WebSocket (graphql-ws protocol) at /graphql. Every server on the same PostgreSQL database delivers every write, wherever it was made.',
});

const ChangeOperationEnum = namedEnum('ChangeOperation', 'What happened to an event.', CHANGE_OPERATIONS);

const EventChangeRef = builder.objectRef<EventChange>('EventChange').implement({
  description: 'A change to an event.',
  fields: (t) => ({
    operation: t.expose('operation', { type: ChangeOperationEnum, description: 'What happened.' }),
    eventId: t.globalID({
      description:
        'The global id of the event that changed (Event.id), given even when `event` is null, so that a client can update or evict its cached copy.',
      resolve: (change) => ({ type: 'Event', id: change.eventId }),
    }),
    event: t.prismaField({
      type: 'Event',
      nullable: true,
      description: 'The event as it is now (null only if it has since been removed from the database).',
      resolve: (query, change, _args, ctx) =>
        ctx.prisma.event.findUnique({ ...query, where: { id: change.eventId } }),
    }),
  }),
});

builder.subscriptionFields((t) => ({
  eventAdded: t.prismaField({
    type: 'Event',
    nullable: true,
    authScopes: READ,
    description: 'Each event as it is added to the log (null if it was deleted before delivery).',
    subscribe: (_root, _args, ctx) => changeStream(ctx.changes, (c) => c.operation === 'CREATED'),
    resolve: (query, change: EventChange, _args, ctx) =>
      ctx.prisma.event.findFirst({ ...query, where: { id: change.eventId, ...liveWhere.Event } }),
  }),
  eventChanged: t.field({
    type: EventChangeRef,
    authScopes: READ,
    description: 'Every change to events (created, updated, deleted, restored), or to one event.',
    args: { eventId: t.arg.id({ required: false, description: 'Only changes to this event.' }) },
    subscribe: (_root, args, ctx) => {
      const only = parseInput(globalId('Event').nullish(), args.eventId, 'eventId') ?? undefined;
      return changeStream(ctx.changes, (c) => only === undefined || c.eventId === only);
    },
    resolve: (change: EventChange) => change,
  }),
}));
