// Events: the things that happened, with who took part in which role, and the sources that say so.
import { liveWhere } from '../../core/db/models.js';
import { READ } from '../../core/auth/access.js';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/graphql/builder.js';
import {
  EventKindEnum,
  ParticipationRoleEnum,
  PloverCategoryEnum,
  SortDirectionEnum,
} from '../../core/graphql/enums.js';
import { FuzzyDate, fuzzy } from '../../core/graphql/fuzzy-date.js';
import { notFound } from '../../core/errors.js';
import { EventCodeRef, QuadClassEnum } from './codes/event-codes.schema.js';
import { eventWhere } from './event.filters.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { RequestContext } from '../../core/graphql/context.js';

export const EventRef = builder.prismaNode('Event', {
  description: 'Something that happened in the relationship: a meeting, visit, signing, speech, statement…',
  id: { field: 'id' },
  // node(id:) answers null for soft-deleted records, as for unknown ids.
  findUnique: (id) => ({ id, ...liveWhere.Event }),
  nullable: true,
  // Only the columns a query asks for (Pothos select mode): each field names what it reads, so a page
  // of the timeline fetches a few columns per row instead of every one.
  select: { id: true },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, human-readable identifier, usable in URLs.' }),
    kind: t.expose('kind', { type: EventKindEnum, description: 'What kind of event.' }),
    title: t.exposeString('title', { description: 'Short title.' }),
    summary: t.exposeString('summary', { description: 'What happened, in a sentence or two.' }),
    start: t.field({
      type: FuzzyDate,
      description: 'When it started (or happened), as precisely as the sources say.',
      select: { startDate: true, startPrecision: true },
      resolve: (e) => ({ date: e.startDate, precision: e.startPrecision }),
    }),
    end: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'When it ended, for events spanning several days; null for single-day events.',
      select: { endDate: true, endPrecision: true },
      resolve: (e) => fuzzy(e.endDate, e.endPrecision),
    }),
    placeName: t.exposeString('placeName', {
      nullable: true,
      description: 'Where it took place (city, venue).',
    }),
    placeCountry: t.relation('placeCountry', {
      nullable: true,
      description: 'The country it took place in.',
    }),
    eventCode: t.field({
      type: EventCodeRef,
      nullable: true,
      description:
        'Its event-data coding (CAMEO code with its hierarchy and Goldstein weight; PLOVER category, mode and contexts), for joining with GDELT/ICEWS/POLECAT; null when uncoded.',
      select: { cameoCode: true, ploverCategory: true, ploverMode: true, ploverContexts: true },
      resolve: (e) =>
        e.cameoCode || e.ploverCategory
          ? {
              cameoCode: e.cameoCode,
              ploverCategory: e.ploverCategory,
              ploverMode: e.ploverMode,
              ploverContexts: e.ploverContexts,
            }
          : null,
    }),
    participations: t.relation('participations', {
      description: 'Who took part, each with their directed role and the citations that say so.',
      args: {
        roles: t.arg({ type: [ParticipationRoleEnum], required: false, description: 'Only these roles.' }),
      },
      query: (args) => ({
        where: args.roles?.length ? { role: { in: args.roles } } : {},
        orderBy: [{ role: 'asc' as const }, { id: 'asc' as const }],
      }),
    }),
    agreementsSigned: t.relation('agreementsSigned', {
      description: 'Agreements signed at this event.',
      query: { where: liveWhere.Agreement, orderBy: { title: 'asc' } },
    }),
    remarks: t.relation('remarks', {
      description: 'What participants said at this event.',
      query: { where: liveWhere.Remark, orderBy: [{ saidDate: 'asc' }, { id: 'asc' }] },
    }),
    citations: t.relation('citations', {
      description: 'The sources that report this event, each with the verbatim quote.',
      query: { orderBy: { id: 'asc' } },
    }),
    version: t.exposeInt('version', {
      description: 'Incremented by every update; send it back to update safely.',
    }),
    deletedAt: t.expose('deletedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was deleted; reads hide deleted records, so only mutation payloads show a value.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When this record was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When this record was last changed.' }),
  }),
});

export const MatchModeEnum = builder.enumType('MatchMode', {
  description: 'How a list filter combines its values.',
  values: { ANY: { description: 'At least one of them.' }, ALL: { description: 'All of them.' } },
});

export const EventFilter = builder.inputType('EventFilter', {
  description: 'Narrows a list of events. All given conditions must hold.',
  fields: (t) => ({
    from: t.field({
      type: 'Date',
      required: false,
      description: 'Events that may have taken place on or after this date (respects date precision).',
    }),
    to: t.field({
      type: 'Date',
      required: false,
      description: 'Events that may have taken place on or before this date (respects date precision).',
    }),
    kinds: t.field({ type: [EventKindEnum], required: false, description: 'Only these kinds.' }),
    statedOnly: t.boolean({
      required: false,
      description:
        'Stated facts only: events none of whose values (date, place, kind, participations) is inferred or ' +
        'outside knowledge.',
    }),
    cameoCodes: t.stringList({
      required: false,
      description:
        'CAMEO codes at any level, each matching itself and every code under it: "04" (a root) matches every 04x consultation, "042" (a base code) 042 and 042x, "0421" just that code.',
    }),
    ploverCategories: t.field({
      type: [PloverCategoryEnum],
      required: false,
      description: 'Only events of these PLOVER categories.',
    }),
    ploverModes: t.stringList({
      required: false,
      description: 'Only events with one of these PLOVER modes ("visit"); combine with ploverCategories.',
    }),
    ploverContexts: t.stringList({
      required: false,
      description: 'Only events with at least one of these PLOVER contexts ("military", "cyber").',
    }),
    quadClasses: t.field({
      type: [QuadClassEnum],
      required: false,
      description: 'Only events whose CAMEO code is in one of these QuadClasses.',
    }),
    participants: t.globalIDList({
      required: false,
      description: 'Participant ids (see participantsMatch).',
    }),
    participantsMatch: t.field({
      type: MatchModeEnum,
      required: false,
      description: 'ANY (default) or ALL participants.',
    }),
    countries: t.field({
      type: ['CountryCode'],
      required: false,
      description: 'Countries (ISO codes) that took part, directly or through their people and bodies.',
    }),
    countriesMatch: t.field({
      type: MatchModeEnum,
      required: false,
      description: 'ANY (default) or ALL countries.',
    }),
  }),
});

export const EventOrder = builder.inputType('EventOrder', {
  description: 'Ordering of events: by start date, ties broken by id, so pages are stable.',
  fields: (t) => ({
    direction: t.field({
      type: SortDirectionEnum,
      required: false,
      description: 'DESC (newest first) by default.',
    }),
  }),
});

builder.queryFields((t) => ({
  events: t.prismaConnection(
    {
      authScopes: READ,
      type: 'Event',
      cursor: 'id',
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
      description: 'The timeline: events, newest first unless ordered otherwise, with keyset pagination.',
      args: {
        filter: t.arg({ type: EventFilter, required: false, description: 'Conditions events must meet.' }),
        orderBy: t.arg({ type: EventOrder, required: false, description: 'Sort order.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const { where, orderBy, direction } = eventsQuery(args);
        const bound = query.cursor?.id
          ? await cursorDateBound(ctx, query.cursor.id, direction, query.take)
          : null;
        return ctx.prisma.event.findMany({
          ...query,
          where: bound ? { AND: [where, bound] } : where,
          orderBy,
        });
      },
      totalCount: (_root, args, ctx) =>
        ctx.prisma.event.count({
          where: eventWhere(args.filter),
        }),
    },
    { description: 'A page of events.' },
    { description: 'An event and its cursor.' },
  ),
  event: t.prismaField({
    authScopes: READ,
    type: 'Event',
    nullable: true,
    description: 'One event by its slug; NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The event’s slug.' }) },
    resolve: async (query, _root, { slug }, ctx) => {
      const event = await ctx.prisma.event.findFirst({ ...query, where: { slug, ...liveWhere.Event } });
      if (!event) throw notFound('event', slug);
      return event;
    },
  }),
}));

/** The `events` list's filter and order, from its arguments (also read by the compiled read path). */
export function eventsQuery(args: {
  filter?: Parameters<typeof eventWhere>[0];
  orderBy?: { direction?: 'ASC' | 'DESC' | null } | null;
}) {
  const direction = args.orderBy?.direction === 'ASC' ? ('asc' as const) : ('desc' as const);
  return {
    where: eventWhere(args.filter),
    orderBy: [{ startDate: direction }, { id: direction }] satisfies Prisma.EventOrderByWithRelationInput[],
    direction,
  };
}

/**
 * A redundant bound on the start date for a page after (or before) a cursor. Prisma's own cursor
 * condition, `start_date < d OR (start_date = d AND id <= x)`, gives PostgreSQL nothing to seek to, so a
 * deep page walked the timeline index from its newest entry (page 1,000 took over twice as long as page
 * 1). With `start_date <= d` as well, the index scan starts at the cursor. It costs one lookup of the
 * cursor's date, on paged requests only.
 */
async function cursorDateBound(
  ctx: RequestContext,
  cursorId: string,
  direction: 'asc' | 'desc',
  take: number,
): Promise<Prisma.EventWhereInput | null> {
  const row = await ctx.prisma.event.findUnique({ where: { id: cursorId }, select: { startDate: true } });
  if (!row) return null;
  const forward = take >= 0;
  return { startDate: (direction === 'desc') === forward ? { lte: row.startDate } : { gte: row.startDate } };
}
