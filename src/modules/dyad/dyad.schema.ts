// Directed dyads over GraphQL: the rule table (`dyadRules`), each event's dyads (`Event.dyads`) and the
// events between two sides with their Goldstein weights and counts per period (`dyadEvents`).
import { liveWhere } from '../../core/db/models.js';
import DataLoader from 'dataloader';
import { READ } from '../../core/auth/access.js';
import { badInput, notFound } from '../../core/errors.js';
import { builder, DEFAULT_PAGE_SIZE } from '../../core/graphql/builder.js';
import { cursorExtension, MAX_CURSOR_LENGTH, type CursorFormat } from '../../core/graphql/cursors.js';
import { decodeGlobalIdOf, isUuid } from '../../core/graphql/global-id.js';
import type { RequestContext } from '../../core/graphql/context.js';
import { ParticipationRoleEnum } from '../../core/graphql/enums.js';
import { recordField } from '../../core/graphql/record-loaders.js';
import { EventFilter } from '../event/event.filters.js';
import { periodFields } from '../event/period-fields.js';
import {
  dyadCountsByPeriod,
  dyadEventPage,
  dyadsOfEvents,
  dyadSummary,
  type DyadEventRow,
  type DyadPeriodRow,
  type DyadQuery,
  type DyadRow,
  type DyadSide,
  type DyadSummaryRow,
} from './dyad.data.js';
import { DYAD_RULES, type DyadRoles, type DyadRule } from './dyad-rules.js';
import type { FieldBuilderOf } from '../../core/graphql/field-builder.js';

/** Per request: the dyads of every event a list asks for, in one statement. */
function dyadsOf(ctx: RequestContext, eventId: string): Promise<DyadRow[]> {
  const loader = ctx.loaders.named(
    'dyadsOfEvent',
    () =>
      new DataLoader<string, DyadRow[]>(async (ids) => {
        const rows = await dyadsOfEvents(ctx.prisma, ids);
        return ids.map((id) => rows.filter((r) => r.eventId === id));
      }),
  );
  return loader.load(eventId);
}

/** The roles a rule pairs and every dyad it yields carries: declared once for DyadRule and Dyad. */
const dyadRoleFields = <Row extends DyadRoles>(t: FieldBuilderOf<Row>) => ({
  actor1Role: t.field({
    type: ParticipationRoleEnum,
    description: 'The role of actor 1, the source: who acts.',
    resolve: (row) => row.actor1Role,
  }),
  actor2Role: t.field({
    type: ParticipationRoleEnum,
    description: 'The role of actor 2, the recipient: who is acted on.',
    resolve: (row) => row.actor2Role,
  }),
  mutual: t.boolean({
    description: 'Whether the rule is mutual (signatories, attendees): the reverse pair is a dyad too.',
    resolve: (row) => row.mutual,
  }),
});

const DyadRuleRef = builder.objectRef<DyadRule>('DyadRule').implement({
  description:
    'One rule of the dyad table: participants in `actor1Role` act on participants in `actor2Role` of the ' +
    'same event (both ways when mutual).',
  fields: (t) => ({
    ...dyadRoleFields(t),
    description: t.exposeString('why', { description: 'Why the rule points this way.' }),
  }),
});

export const DyadRef = builder.objectRef<DyadRow>('Dyad').implement({
  description:
    'A directed pair in an event: actor 1 acted on actor 2, by the roles they took part in (see `dyadRules`).',
  fields: (t) => ({
    actor1: t.prismaField(
      recordField('Participant', 'The source: who acted.', (row: DyadRow) => row.actor1Id),
    ),
    actor2: t.prismaField(
      recordField('Participant', 'The recipient: who was acted on.', (row: DyadRow) => row.actor2Id),
    ),
    ...dyadRoleFields(t),
  }),
});

builder.prismaObjectField('Event', 'dyads', (t) =>
  t.field({
    type: [DyadRef],
    description:
      'Who acted on whom in this event: its directed actor-1 → actor-2 pairs, derived from the roles by the ' +
      'rules of `dyadRules`, in rule order. Empty when no rule applies (e.g. a lone speaker).',
    resolve: (event, _args, ctx) => dyadsOf(ctx, event.id),
  }),
);

const DyadEventRef = builder.objectRef<DyadEventRow>('DyadEvent').implement({
  description: 'An event between the two sides of a `dyadEvents` query, with the dyads that connect them.',
  fields: (t) => ({
    event: t.prismaField(recordField('Event', 'The event.', (row: DyadEventRow) => row.id)),
    dyads: t.field({
      type: [DyadRef],
      description:
        'The event’s dyads between the two sides (in the asked direction, or both when undirected).',
      resolve: (row) => row.dyads,
    }),
    goldstein: t.float({
      nullable: true,
      description:
        'The Goldstein weight of the event’s CAMEO code (−10 conflict … +10 cooperation); null when uncoded.',
      resolve: (row) => row.goldstein,
    }),
  }),
});

type GoldsteinTally = Pick<DyadSummaryRow, 'goldsteinTotal' | 'goldsteinMean'>;

/** The Goldstein weights of a set of events: all of a `dyadEvents` answer, or one period of it. */
const goldsteinFields = <Parent>(
  t: FieldBuilderOf<Parent>,
  tallyOf: (parent: Parent, ctx: RequestContext) => GoldsteinTally | Promise<GoldsteinTally>,
) => ({
  goldsteinTotal: t.float({
    nullable: true,
    description: 'Sum of the events’ Goldstein weights (uncoded events left out); null when none is coded.',
    resolve: async (parent, _args, ctx) => (await tallyOf(parent, ctx)).goldsteinTotal,
  }),
  goldsteinMean: t.float({
    nullable: true,
    description: 'Mean Goldstein weight of the coded events; null when none is coded.',
    resolve: async (parent, _args, ctx) => (await tallyOf(parent, ctx)).goldsteinMean,
  }),
});

const DyadPeriodCountRef = builder.objectRef<DyadPeriodRow>('DyadPeriodCount').implement({
  description: 'Events between the two sides that started in one period (a year or a month).',
  fields: (t) => ({
    ...periodFields(t),
    events: t.exposeInt('events', { description: 'Events whose start date falls in the period.' }),
    dyads: t.exposeInt('dyads', { description: 'Dyads between the sides in those events.' }),
    ...goldsteinFields(t, (row) => row),
    cooperative: t.exposeInt('cooperative', { description: 'Events with a positive Goldstein weight.' }),
    conflictual: t.exposeInt('conflictual', { description: 'Events with a negative Goldstein weight.' }),
  }),
});

interface DyadEventsValue {
  query: DyadQuery;
  summary?: Promise<DyadSummaryRow>;
}

const summaryOf = (value: DyadEventsValue, ctx: RequestContext) =>
  (value.summary ??= dyadSummary(ctx.prisma, value.query));

const encodeCursor = (row: DyadEventRow) => Buffer.from(`${row.startDate}|${row.id}`).toString('base64url');

/** The position a cursor holds, or null unless it is one this list issued (a real date and a UUID). */
function readCursor(cursor: string): { startDate: string; id: string } | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) return null;
  const [startDate, id, ...rest] = bytes.toString('utf8').split('|');
  if (rest.length || !startDate || !/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !isUuid(id)) return null;
  const day = new Date(`${startDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== startDate) return null;
  return { startDate, id: id.toLowerCase() };
}

const dyadCursor: CursorFormat = {
  name: 'a date and an event id',
  accepts: (cursor) => readCursor(cursor) !== null,
};

function decodeCursor(cursor: string): { startDate: string; id: string } {
  const position = readCursor(cursor);
  if (!position) throw badInput('after', 'is not a cursor of this list');
  return position;
}

const DyadEventsRef = builder.objectRef<DyadEventsValue>('DyadEvents').implement({
  description:
    'The events between two sides (see `dyadEvents`): a page of them, totals and counts per period.',
  fields: (t) => ({
    directed: t.boolean({
      description: 'Whether only from → to dyads count (false: either direction).',
      resolve: (v) => v.query.directed,
    }),
    totalCount: t.int({
      description: 'How many events there are in all (every page).',
      resolve: async (v, _args, ctx) => (await summaryOf(v, ctx)).events,
    }),
    dyadCount: t.int({
      description: 'How many dyads between the sides those events hold.',
      resolve: async (v, _args, ctx) => (await summaryOf(v, ctx)).dyads,
    }),
    ...goldsteinFields(t, summaryOf),
    events: t.connection(
      {
        type: DyadEventRef,
        extensions: cursorExtension(dyadCursor),
        description:
          'The events, newest first (ties by id), with keyset pagination (forward only: `first`, `after`).',
        resolve: async (v, args, ctx) => {
          if (args.last != null || args.before != null)
            throw badInput(
              args.last != null ? 'last' : 'before',
              'this list pages forward only: use `first` and `after`',
            );
          const first = args.first ?? DEFAULT_PAGE_SIZE;
          const rows = await dyadEventPage(
            ctx.prisma,
            v.query,
            args.after ? decodeCursor(args.after) : null,
            first + 1,
          );
          const page = rows.slice(0, first);
          const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
          return {
            edges,
            pageInfo: {
              hasNextPage: rows.length > first,
              hasPreviousPage: args.after != null,
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
          };
        },
      },
      { name: 'DyadEventConnection', description: 'A page of events between the two sides.' },
      { name: 'DyadEventEdge', description: 'An event between the two sides and its cursor.' },
    ),
    countsByYear: t.field({
      type: [DyadPeriodCountRef],
      description:
        'The events per year of their start date, oldest first; years without any are left out. Undated events (ON_OR_BEFORE) are in no year.',
      resolve: (v, _args, ctx) => dyadCountsByPeriod(ctx.prisma, v.query, 'year'),
    }),
    countsByMonth: t.field({
      type: [DyadPeriodCountRef],
      description:
        'The events per month of their start date, oldest first; months without any are left out. Undated events (ON_OR_BEFORE) are in no month.',
      resolve: (v, _args, ctx) => dyadCountsByPeriod(ctx.prisma, v.query, 'month'),
    }),
  }),
});

const DyadSideInput = builder.inputType('DyadSideInput', {
  description:
    'One side of a dyad: a country by ISO code (the country itself and every person and body belonging to ' +
    'it, as the events filter counts them) or one participant by id. Give exactly one.',
  fields: (t) => ({
    country: t.field({ type: 'CountryCode', required: false, description: 'A country, e.g. "JP".' }),
    participant: t.id({
      required: false,
      description: 'A participant’s global id (a person, body or country).',
    }),
  }),
});

async function resolveSide(
  input: { country?: string | null; participant?: string | number | null },
  field: string,
  ctx: RequestContext,
): Promise<DyadSide> {
  if ((input.country ? 1 : 0) + (input.participant ? 1 : 0) !== 1)
    throw badInput(field, 'give exactly one of `country` or `participant`');
  if (input.country) {
    const country = await ctx.prisma.participant.findFirst({
      where: { isoCode: input.country, ...liveWhere.Participant },
      select: { id: true },
    });
    if (!country) throw notFound('country', input.country);
    return { country: input.country };
  }
  const id = decodeGlobalIdOf(input.participant, ['Participant']);
  if (!id) throw badInput(`${field}.participant`, 'is not the id of a Participant');
  const participant = await ctx.prisma.participant.findFirst({
    where: { id, ...liveWhere.Participant },
    select: { id: true },
  });
  if (!participant) throw notFound('participant', String(input.participant));
  return { participantId: id };
}

builder.queryFields((t) => ({
  dyadRules: t.field({
    authScopes: READ,
    type: [DyadRuleRef],
    description:
      'The rule table that turns directed roles into actor-1 → actor-2 dyads, in order of precedence.',
    resolve: () => [...DYAD_RULES],
  }),
  dyadEvents: t.field({
    authScopes: READ,
    type: DyadEventsRef,
    description:
      'Events in which `from` acted on `to` (directed dyads derived from the roles; see `dyadRules`), or ' +
      'either on the other when `directed` is false, with Goldstein weights and counts per year and month. ' +
      'NOT_FOUND when a side does not exist.',
    args: {
      from: t.arg({ type: DyadSideInput, required: true, description: 'Actor 1’s side: who acted.' }),
      to: t.arg({ type: DyadSideInput, required: true, description: 'Actor 2’s side: who was acted on.' }),
      directed: t.arg.boolean({
        required: false,
        defaultValue: true,
        description: 'true (default): only from → to; false: either direction.',
      }),
      filter: t.arg({ type: EventFilter, required: false, description: 'Conditions the events must meet.' }),
    },
    resolve: async (_root, args, ctx) => {
      const from = await resolveSide(args.from, 'from', ctx);
      const to = await resolveSide(args.to, 'to', ctx);
      if (JSON.stringify(from) === JSON.stringify(to)) throw badInput('to', '`from` and `to` must differ');
      return { query: { from, to, directed: args.directed ?? true, filter: args.filter ?? null } };
    },
  }),
}));
