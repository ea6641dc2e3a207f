// The relationship view: everything two countries did together — their bilateral events (with counts by
// year, month and kind, and the first and latest contact), the agreements they are both party to, the
// remarks each side made about the other or the region, and the people who met most.
//
// Statements: `relationship` looks up the two countries; every field below it registers what it needs
// with the request's RelationshipBatch, which computes all of it (counts, first and last contact, top
// pairs, the ids on each requested page and the totals) in ONE aggregate statement over the indexed
// `event.country_ids`; the records those ids name then load in one statement for all their tables,
// whatever the number of fields or pairs that show them (relationship.batch.ts, direct-records.ts).
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { READ } from '../../core/auth/access.js';
import { builder, MAX_PAGE_SIZE } from '../../core/graphql/builder.js';
import { recordPage } from '../../core/graphql/record-fields.js';
import { recordField, recordIfAny, recordsById } from '../../core/graphql/record-loaders.js';
import type { RequestContext } from '../../core/graphql/context.js';
import { EventKindEnum } from '../../core/graphql/enums.js';
import { FuzzyDate } from '../../core/graphql/fuzzy-date.js';
import { badInput, notFound } from '../../core/errors.js';
import { checkEventFilter, EventFilter, type EventFilterInput } from '../event/event.filters.js';
import { periodFields } from '../event/period-fields.js';
import type {
  IdPage,
  KindCountRow,
  MeetingPairRow,
  PageArgs,
  Part,
  PeriodCountRow,
} from './relationship.data.js';
import { RelationshipBatch } from './relationship.batch.js';
import { findCountries } from './relationship.data.js';

/** The resolved `relationship`: the request's batch for the two countries, and its page memos. */
interface RelationshipValue {
  batch: RelationshipBatch;
  /** Pages (with their totals) by connection and arguments, so that `totalCount` reuses the page's part. */
  pages: Map<string, Promise<IdPage>>;
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

/** Whether the field being resolved selects `name` (through fragments too; directives are ignored). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) =>
      s.kind === 'Field'
        ? s.name.value === name
        : s.kind === 'InlineFragment'
          ? within(s.selectionSet)
          : within(info.fragments[s.name.value]?.selectionSet),
    );
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/** The relationship's connections: the model each lists, and what the schema says of it. */
const CONNECTIONS = {
  events: {
    model: 'Event',
    description: 'The bilateral events, newest first (ties by id), with keyset pagination.',
    page: 'A page of bilateral events.',
    total: 'How many bilateral events there are in all (every page).',
    edge: 'A bilateral event and its cursor.',
  },
  agreements: {
    model: 'Agreement',
    description:
      'Agreements both countries are party to (directly or through their bodies), most recently signed ' +
      'first (undated ones last).',
    page: 'A page of the two countries’ agreements.',
    total: 'How many agreements both countries are party to there are in all (every page).',
    edge: 'An agreement and its cursor.',
  },
  // Ranked in SQL; only the page's ids leave the database.
  remarks: {
    model: 'Remark',
    description:
      'What each side (the country, or a person or body of it) said about the other country, about a ' +
      'region ("Indo-Pacific", "South China Sea"), or at a bilateral event; most recent first.',
    page: 'A page of the relationship’s remarks.',
    total: 'How many remarks of the relationship there are in all (every page).',
    edge: 'A remark and its cursor.',
  },
} as const;
type ConnectionKind = keyof typeof CONNECTIONS;

/** What Pothos' prismaConnection passes as `query`: the page arguments beside the selection. */
interface ConnectionQuery {
  take: number;
  skip?: number;
  cursor?: { id?: string };
  [key: string]: unknown;
}

/** A connection's part of the batch, for a page or for its total alone (events carry their filter). */
function partsOf(kind: ConnectionKind, args: object) {
  if (kind !== 'events') return (page: PageArgs | undefined, total: boolean): Part => ({ kind, page, total });
  // Only `events` takes arguments beside the page's: its filter, an EventFilter input.
  const filter = 'filter' in args ? (args.filter as EventFilterInput | null | undefined) : undefined;
  if (filter) checkEventFilter(filter);
  return (page: PageArgs | undefined, total: boolean): Part => ({ kind, filter, page, total });
}

/**
 * One page of a connection: registers the page (and its total, when the connection selects it) with
 * the batch, then loads the records by id.
 */
async function connectionPage<K extends ConnectionKind>(
  rel: RelationshipValue,
  kind: K,
  args: object,
  query: ConnectionQuery,
  info: GraphQLResolveInfo,
  ctx: RequestContext,
) {
  const part = partsOf(kind, args);
  const { take, skip, cursor, ...selection } = query;
  const page = rel.batch.part(
    part({ take, skip: skip ?? 0, cursor: cursor?.id }, selects(info, 'totalCount')),
  ) as Promise<IdPage>;
  rel.pages.set(`${kind}:${JSON.stringify(args)}`, page);
  return recordsById(ctx, CONNECTIONS[kind].model).loadMany((await page).ids, selection);
}

/** The total of a connection: from its page's part when there is one, else a part of its own. */
async function connectionTotal(rel: RelationshipValue, kind: ConnectionKind, args: object): Promise<number> {
  const part = partsOf(kind, args);
  const page = rel.pages.get(`${kind}:${JSON.stringify(args)}`);
  const total = (await page)?.total ?? ((await rel.batch.part(part(undefined, true))) as IdPage).total;
  return total ?? 0;
}

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type ConnectionFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, object>;

/** A connection's own options: its description, and its `totalCount` described (see totalCountOptions). */
const connectionOptions = (description: string, totalDescription: string) => ({
  description,
  fields: (t: ConnectionFieldBuilder) => ({ totalCount: t.int(totalCountOptions(totalDescription)) }),
});

const PeriodCountRef = builder.objectRef<PeriodCountRow>('PeriodCount').implement({
  description: 'How many bilateral events started in one period (a year or a month).',
  fields: (t) => ({
    ...periodFields(t),
    count: t.exposeInt('count', { description: 'Bilateral events whose start date falls in the period.' }),
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
    a: t.prismaField(
      recordField(
        'Participant',
        'The person from the first country given in `between`.',
        (pair: MeetingPairRow) => pair.aId,
      ),
    ),
    b: t.prismaField(
      recordField(
        'Participant',
        'The person from the second country given in `between`.',
        (pair: MeetingPairRow) => pair.bId,
      ),
    ),
    meetings: t.exposeInt('meetings', { description: 'How many bilateral events both took part in.' }),
    lastMet: t.field({
      type: FuzzyDate,
      description: 'The start date of the latest of those events (a dated one, when any is).',
      resolve: (pair) => ({ date: pair.lastDate, precision: pair.lastPrecision }),
    }),
    events: t.prismaField({
      type: ['Event'],
      description: 'The bilateral events both took part in, oldest first.',
      resolve: (query, pair, _args, ctx) => recordsById(ctx, 'Event').loadMany(pair.eventIds, query),
    }),
  }),
});

/** The first or last contact: the event the aggregate names for that part, if any. */
const contactEvent = (kind: 'firstContact' | 'lastContact', description: string) =>
  ({
    type: 'Event',
    nullable: true,
    description,
    resolve: async (
      query: Record<string, unknown>,
      rel: RelationshipValue,
      _args: object,
      ctx: RequestContext,
    ) => {
      const id = (await rel.batch.part({ kind })) as string | null;
      return recordIfAny(ctx, 'Event', id, query);
    },
  }) as const;

const RelationshipRef = builder.objectRef<RelationshipValue>('Relationship').implement({
  description:
    'What two countries did together. An event is bilateral when both took part in it, directly or ' +
    'through their people and bodies (a minister, a ministry, the armed forces).',
  fields: (t) => ({
    countries: t.prismaField({
      type: ['Participant'],
      description: 'The two countries, in the order given.',
      // Waits for the aggregate so that the countries load with the people of `topPairs`.
      resolve: async (query, rel, _args, ctx) => {
        await rel.batch.settled();
        return recordsById(ctx, 'Participant').loadMany(rel.batch.pair.ids, query);
      },
    }),
    countsByYear: t.field({
      type: [PeriodCountRef],
      description:
        'Bilateral events per year of their start date, oldest first; years without any are left out. Undated events (ON_OR_BEFORE) are in no year: see `undatedCount`.',
      resolve: (rel) => rel.batch.part({ kind: 'countsByYear' }) as Promise<PeriodCountRow[]>,
    }),
    countsByMonth: t.field({
      type: [PeriodCountRef],
      description:
        'Bilateral events per month of their start date, oldest first; months without any are left out. Undated events (ON_OR_BEFORE) are in no month: see `undatedCount`.',
      resolve: (rel) => rel.batch.part({ kind: 'countsByMonth' }) as Promise<PeriodCountRow[]>,
    }),
    countsByKind: t.field({
      type: [KindCountRef],
      description: 'Bilateral events per kind, most frequent first.',
      resolve: (rel) => rel.batch.part({ kind: 'countsByKind' }) as Promise<KindCountRow[]>,
    }),
    undatedCount: t.int({
      description:
        'Bilateral events the sources do not date, only bound (ON_OR_BEFORE precision): counted in `countsByKind` and the totals, in no period of `countsByYear` or `countsByMonth`.',
      resolve: (rel) => rel.batch.part({ kind: 'undatedCount' }) as Promise<number>,
    }),
    firstContact: t.prismaField(
      contactEvent(
        'firstContact',
        'The bilateral event known to come earliest: the one whose latest possible day is earliest (an event "in 2021" may run to 31 December, an undated one to its ON_OR_BEFORE bound), ties by start date and id; null when there is none.',
      ),
    ),
    lastContact: t.prismaField(
      contactEvent(
        'lastContact',
        'The latest bilateral event by start date (ties by id, as in `events`); an undated event (ON_OR_BEFORE, which may have been any time before its bound) only when none is dated; null when there is none.',
      ),
    ),
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
      resolve: (rel, args, _ctx, info) => {
        const first = args.first ?? DEFAULT_TOP_PAIRS;
        if (first < 0 || first > MAX_PAGE_SIZE) {
          throw badInput('first', `\`first\` must be between 0 and ${MAX_PAGE_SIZE}`);
        }
        const part = { kind: 'topPairs', limit: first, events: selects(info, 'events') } as const;
        return rel.batch.part(part) as Promise<MeetingPairRow[]>;
      },
    }),
  }),
});

for (const kind of Object.keys(CONNECTIONS) as ConnectionKind[]) {
  const { model, description, page, total, edge } = CONNECTIONS[kind];
  builder.objectField(RelationshipRef, kind, (t) =>
    t.prismaConnection(
      {
        type: model,
        ...recordPage,
        description,
        args:
          kind === 'events'
            ? {
                filter: t.arg({
                  type: EventFilter,
                  required: false,
                  description: 'Further conditions events must meet.',
                }),
              }
            : {},
        resolve: (query, rel, args, ctx, info) => connectionPage(rel, kind, args, query, info, ctx),
        totalCount: (rel, args) => connectionTotal(rel, kind, args),
      },
      connectionOptions(page, total),
      { description: edge },
    ),
  );
}

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
      const found = await findCountries(ctx.read, [a, b]);
      const idOf = (code: string) => {
        const id = found.get(code);
        if (id === undefined) throw notFound('country', code);
        return id;
      };
      const pair = { codes: [a, b] as const, ids: [idOf(a), idOf(b)] as const };
      return { batch: new RelationshipBatch(ctx.read, pair), pages: new Map() };
    },
  }),
);
