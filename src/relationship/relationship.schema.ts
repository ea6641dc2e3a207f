// The relationship view: everything two countries did together — their bilateral events (with counts by
// year, month and kind, and the first and latest contact), the agreements they are both party to, the
// remarks each side made about the other or the region, and the people who met most.
//
// Lists cost one statement per level: the aggregates are one SQL statement each (relationship.data.ts),
// the lists spread Pothos' `query` into one Prisma call, and the participants and events of `topPairs`
// are batched across all pairs by per-request DataLoaders.
import type { Event, Participant, Prisma } from '../generated/prisma/client.js';
import { byIdLoader } from '../graphql/loaders.js';
import { READ } from '../auth/access.js';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/builder.js';
import type { RequestContext } from '../graphql/context.js';
import { EventKindEnum } from '../graphql/enums.js';
import { FuzzyDate } from '../graphql/fuzzy-date.js';
import { badInput, notFound } from '../errors.js';
import { EventFilter } from '../event/event.schema.js';
import { eventWhere, involvesCountry, type EventFilterInput } from '../event/event.filters.js';
import { agreementWhere } from '../agreement/agreement.schema.js';
import {
  countBilateralByKind,
  countBilateralByPeriod,
  pageOfIds,
  relationshipRemarkIds,
  topMeetingPairs,
  type CountryPair,
  type KindCountRow,
  type MeetingPairRow,
  type PeriodCountRow,
} from './relationship.data.js';

/** The resolved `relationship`: the two codes, and per-request memos shared by sibling fields. */
interface RelationshipValue {
  pair: CountryPair;
  /** Remark ids, computed once for both the remarks page and its totalCount. */
  remarkIds?: Promise<string[]>;
}

const DEFAULT_TOP_PAIRS = 10;

/** What the Prisma plugin hands a connection with `totalCount`: a function computing it on demand. */
interface LazyTotalCount {
  totalCount: () => number | Promise<number>;
}

/**
 * Options for the Prisma plugin's `totalCount` field, with a description (the plugin adds the field without
 * one). The extension keeps the plugin's shortcut of skipping the page query when only the count is asked.
 */
function totalCountOptions(description: string) {
  return {
    description,
    extensions: { pothosPrismaTotalCount: true },
    resolve: (connection: unknown) => (connection as LazyTotalCount).totalCount(),
  };
}

/** Events in which both countries took part (directly or through their people and bodies). */
function bilateralWhere(pair: CountryPair, filter?: EventFilterInput | null): Prisma.EventWhereInput {
  return { AND: [eventWhere(filter), involvesCountry(pair[0]), involvesCountry(pair[1])] };
}

function remarkIds(rel: RelationshipValue, ctx: RequestContext): Promise<string[]> {
  rel.remarkIds ??= relationshipRemarkIds(ctx.prisma, rel.pair);
  return rel.remarkIds;
}

const participantLoader = (ctx: RequestContext, query: object) =>
  byIdLoader<Participant>(ctx, `participant:${JSON.stringify(query)}`, (ids) =>
    ctx.prisma.participant.findMany({ ...query, where: { id: { in: ids } } }),
  );

const eventLoader = (ctx: RequestContext, query: object) =>
  byIdLoader<Event>(ctx, `event:${JSON.stringify(query)}`, (ids) =>
    ctx.prisma.event.findMany({ ...query, where: { id: { in: ids } } }),
  );

const PeriodCountRef = builder.objectRef<PeriodCountRow>('PeriodCount').implement({
  description: 'How many bilateral events started in one period (a year or a month).',
  fields: (t) => ({
    period: t.exposeString('period', {
      description: 'The period: "2021" for a year, "2021-09" for a month.',
    }),
    count: t.exposeInt('count', { description: 'Bilateral events whose start date falls in the period.' }),
    imprecise: t.exposeInt('imprecise', {
      description:
        'How many of them are dated less precisely than the period: an event known only to have happened ' +
        '"in 2021" is stored as 1 January and so counted in 2021-01. Read those as approximate.',
    }),
  }),
});

const KindCountRef = builder.objectRef<KindCountRow>('KindCount').implement({
  description: 'How many bilateral events are of one kind.',
  fields: (t) => ({
    kind: t.expose('kind', { type: EventKindEnum, description: 'The kind of event.' }),
    count: t.exposeInt('count', { description: 'Bilateral events of this kind.' }),
  }),
});

const MeetingPairRef = builder.objectRef<MeetingPairRow>('MeetingPair').implement({
  description: 'Two people, one from each country, and the bilateral events in which both took part.',
  fields: (t) => ({
    a: t.prismaField({
      type: 'Participant',
      description: 'The person from the first country given in `between`.',
      resolve: async (query, pair, _args, ctx) => {
        const found = await participantLoader(ctx, query).load(pair.aId);
        if (!found) throw notFound('participant', pair.aId);
        return found;
      },
    }),
    b: t.prismaField({
      type: 'Participant',
      description: 'The person from the second country given in `between`.',
      resolve: async (query, pair, _args, ctx) => {
        const found = await participantLoader(ctx, query).load(pair.bId);
        if (!found) throw notFound('participant', pair.bId);
        return found;
      },
    }),
    meetings: t.exposeInt('meetings', { description: 'How many bilateral events both took part in.' }),
    lastMet: t.field({
      type: FuzzyDate,
      description: 'The start date of the latest of those events.',
      resolve: (pair) => ({ date: pair.lastDate, precision: pair.lastPrecision }),
    }),
    events: t.prismaField({
      type: ['Event'],
      description: 'The bilateral events both took part in, oldest first.',
      resolve: async (query, pair, _args, ctx) => {
        const events = await eventLoader(ctx, query).loadMany(pair.eventIds);
        return events.filter((e): e is Event => e !== null && !(e instanceof Error));
      },
    }),
  }),
});

const RelationshipRef = builder.objectRef<RelationshipValue>('Relationship').implement({
  description:
    'What two countries did together. An event is bilateral when both took part in it, directly or ' +
    'through their people and bodies (a minister, a ministry, the armed forces).',
  fields: (t) => ({
    countries: t.prismaField({
      type: ['Participant'],
      description: 'The two countries, in the order given.',
      resolve: async (query, rel, _args, ctx) => {
        const found = await ctx.prisma.participant.findMany({
          ...query,
          where: { isoCode: { in: [...rel.pair] }, deletedAt: null },
        });
        return rel.pair.flatMap((code) => found.filter((c) => c.isoCode === code));
      },
    }),
    events: t.prismaConnection(
      {
        type: 'Event',
        cursor: 'id',
        defaultSize: DEFAULT_PAGE_SIZE,
        maxSize: MAX_PAGE_SIZE,
        description: 'The bilateral events, newest first (ties by id), with keyset pagination.',
        args: {
          filter: t.arg({
            type: EventFilter,
            required: false,
            description: 'Further conditions events must meet.',
          }),
        },
        resolve: (query, rel, args, ctx) =>
          ctx.prisma.event.findMany({
            ...query,
            where: bilateralWhere(rel.pair, args.filter),
            orderBy: [{ startDate: 'desc' }, { id: 'desc' }],
          }),
        totalCount: (rel, args, ctx) =>
          ctx.prisma.event.count({ where: bilateralWhere(rel.pair, args.filter) }),
      },
      {
        description: 'A page of bilateral events.',
        fields: (t) => ({
          totalCount: t.int(totalCountOptions('How many bilateral events there are in all (every page).')),
        }),
      },
      { description: 'A bilateral event and its cursor.' },
    ),
    agreements: t.prismaConnection(
      {
        type: 'Agreement',
        cursor: 'id',
        defaultSize: DEFAULT_PAGE_SIZE,
        maxSize: MAX_PAGE_SIZE,
        description:
          'Agreements both countries are party to (directly or through their bodies), most recently signed ' +
          'first (undated ones last).',
        resolve: (query, rel, _args, ctx) =>
          ctx.prisma.agreement.findMany({
            ...query,
            where: agreementWhere({ parties: [...rel.pair] }),
            orderBy: [{ signedDate: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
          }),
        totalCount: (rel, _args, ctx) =>
          ctx.prisma.agreement.count({ where: agreementWhere({ parties: [...rel.pair] }) }),
      },
      {
        description: 'A page of the two countries’ agreements.',
        fields: (t) => ({
          totalCount: t.int(
            totalCountOptions(
              'How many agreements both countries are party to there are in all (every page).',
            ),
          ),
        }),
      },
      { description: 'An agreement and its cursor.' },
    ),
    remarks: t.prismaConnection(
      {
        type: 'Remark',
        cursor: 'id',
        defaultSize: DEFAULT_PAGE_SIZE,
        maxSize: MAX_PAGE_SIZE,
        description:
          'What each side (the country, or a person or body of it) said about the other country, about a ' +
          'region ("Indo-Pacific", "South China Sea"), or at a bilateral event; most recent first.',
        // The ids come ordered from SQL; only one page of them goes back to the database (a large log
        // has more remarks than a statement may carry parameters).
        resolve: async (query, rel, _args, ctx) => {
          const { take, skip, cursor, ...selection } = query;
          const page = pageOfIds(await remarkIds(rel, ctx), {
            take,
            ...(skip === undefined ? {} : { skip }),
            ...(cursor?.id === undefined ? {} : { cursor: cursor.id }),
          });
          const rows = await ctx.prisma.remark.findMany({ ...selection, where: { id: { in: page } } });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return page.flatMap((id) => byId.get(id) ?? []);
        },
        totalCount: async (rel, _args, ctx) => (await remarkIds(rel, ctx)).length,
      },
      {
        description: 'A page of the relationship’s remarks.',
        fields: (t) => ({
          totalCount: t.int(
            totalCountOptions('How many remarks of the relationship there are in all (every page).'),
          ),
        }),
      },
      { description: 'A remark and its cursor.' },
    ),
    countsByYear: t.field({
      type: [PeriodCountRef],
      description:
        'Bilateral events per year of their start date, oldest first; years without any are left out.',
      resolve: (rel, _args, ctx) => countBilateralByPeriod(ctx.prisma, rel.pair, 'year'),
    }),
    countsByMonth: t.field({
      type: [PeriodCountRef],
      description:
        'Bilateral events per month of their start date, oldest first; months without any are left out.',
      resolve: (rel, _args, ctx) => countBilateralByPeriod(ctx.prisma, rel.pair, 'month'),
    }),
    countsByKind: t.field({
      type: [KindCountRef],
      description: 'Bilateral events per kind, most frequent first.',
      resolve: (rel, _args, ctx) => countBilateralByKind(ctx.prisma, rel.pair),
    }),
    firstContact: t.prismaField({
      type: 'Event',
      nullable: true,
      description: 'The earliest bilateral event by start date (ties by id); null when there is none.',
      resolve: (query, rel, _args, ctx) =>
        ctx.prisma.event.findFirst({
          ...query,
          where: bilateralWhere(rel.pair),
          orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
        }),
    }),
    lastContact: t.prismaField({
      type: 'Event',
      nullable: true,
      description:
        'The latest bilateral event by start date (ties by id, as in `events`); null when there is none.',
      resolve: (query, rel, _args, ctx) =>
        ctx.prisma.event.findFirst({
          ...query,
          where: bilateralWhere(rel.pair),
          orderBy: [{ startDate: 'desc' }, { id: 'desc' }],
        }),
    }),
    topPairs: t.field({
      type: [MeetingPairRef],
      description:
        'The people who met most: pairs of people, one from each country, who took part in the same ' +
        'bilateral events; most meetings first, then by name.',
      args: {
        first: t.arg.int({
          required: false,
          defaultValue: DEFAULT_TOP_PAIRS,
          description: `How many pairs (at most ${MAX_PAGE_SIZE}).`,
        }),
      },
      resolve: (rel, args, ctx) => {
        const first = args.first ?? DEFAULT_TOP_PAIRS;
        if (first < 0 || first > MAX_PAGE_SIZE) {
          throw badInput('first', `\`first\` must be between 0 and ${MAX_PAGE_SIZE}`);
        }
        return topMeetingPairs(ctx.prisma, rel.pair, first);
      },
    }),
  }),
});

builder.queryField('relationship', (t) =>
  t.field({
    authScopes: READ,
    type: RelationshipRef,
    nullable: true,
    description:
      'The relationship between two countries: their bilateral events, agreements, remarks and who met whom. ' +
      'NOT_FOUND when the log has no such country.',
    args: {
      between: t.arg({
        type: ['CountryCode'],
        required: true,
        description: 'Exactly two different ISO 3166-1 alpha-2 codes, e.g. ["JP", "VN"].',
      }),
    },
    resolve: async (_root, { between }, ctx) => {
      const [a, b] = between;
      if (between.length !== 2 || a === undefined || b === undefined) {
        throw badInput('between', `\`between\` takes exactly two country codes, not ${between.length}`);
      }
      if (a === b) throw badInput('between', '`between` takes two different country codes');
      const found = await ctx.prisma.participant.findMany({
        where: { isoCode: { in: [a, b] }, deletedAt: null },
        select: { isoCode: true },
      });
      for (const code of [a, b]) {
        if (!found.some((c) => c.isoCode === code)) throw notFound('country', code);
      }
      return { pair: [a, b] as const };
    },
  }),
);
