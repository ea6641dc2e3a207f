// Events: the things that happened, with who took part in which role, and the sources that say so.
import { liveWhere } from '../../core/db/models.js';
import { builder } from '../../core/graphql/builder.js';
import { rootRecordPage, recordBySlug } from '../../core/graphql/record-fields.js';
import { recordNode } from '../../core/graphql/record-node.js';
import {
  EventKindEnum,
  ParticipationRoleEnum,
  PloverCategoryEnum,
  SortDirectionEnum,
} from '../../core/graphql/enums.js';
import { FuzzyDate, FuzzyDateInput } from '../../core/graphql/fuzzy-date.js';
import { fuzzyDateField } from '../../core/graphql/fuzzy-date-field.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { dateColumns, field, recordInput } from '../../core/write/input-fields.js';
import { cameoCode, fuzzyDate, globalId, slug, text } from '../../core/write/validation.js';
import { EventKind, PloverCategory } from '../../generated/prisma/enums.js';
import { z } from 'zod';
import { EventCodeRef } from './codes/event-codes.schema.js';
import { EventFilter, eventWhere } from './event.filters.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { RequestContext } from '../../core/graphql/context.js';

// Formats only; whether a code, mode or context exists is checked against the reference tables
// (checkCoding in event.writes.ts), which also backs the database's own foreign keys with a clear error.
const ploverMode = z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'must be a PLOVER mode such as visit');
const ploverContexts = z
  .array(z.string().regex(/^[a-z]+(_[a-z]+)*$/, 'must be a PLOVER context such as military'))
  .max(LIMITS.ploverContexts.maxItems)
  .superRefine((list, ctx) => {
    list.forEach((c, i) => {
      if (list.indexOf(c) !== i)
        ctx.addIssue({ code: 'custom', message: 'repeats an earlier context', path: [i] });
    });
  });

/**
 * An event's own fields as writes take them: create and update inputs, validation, and the row of an
 * update (a create inserts its row with the event's participations and citations in one statement).
 */
export const eventInput = recordInput('Event', {
  slug: field.optional('String', slug, 'Stable identifier; made from the title and date when omitted.'),
  kind: field.required(EventKindEnum, z.enum(EventKind)),
  title: field.required('String', text(LIMITS.eventTitle.maxChars)),
  summary: field.required('String', text(LIMITS.eventSummary.maxChars)),
  start: field.required(FuzzyDateInput, fuzzyDate, 'When it started, as precisely as the sources say.', {
    row: dateColumns('start'),
  }),
  end: field.nullable(FuzzyDateInput, fuzzyDate, 'When it ended, for multi-day events.', {
    row: dateColumns('end'),
  }),
  placeName: field.nullable('String', text(LIMITS.placeName.maxChars), 'Where (city, venue).'),
  placeCountryId: field.nullable(
    'ID',
    globalId('Participant'),
    'The country it took place in (a COUNTRY participant).',
  ),
  cameoCode: field.nullable(
    'String',
    cameoCode,
    'CAMEO 1.1b3 event code, 2 to 4 digits (e.g. 057); see `cameoCodes`.',
  ),
  ploverCategory: field.nullable(PloverCategoryEnum, z.enum(PloverCategory), 'PLOVER category.'),
  ploverMode: field.nullable(
    'String',
    ploverMode,
    'PLOVER mode, one of the category’s (e.g. visit for CONSULT); see `ploverCategories`.',
  ),
  // A cleared list is an empty one: the column is not nullable.
  ploverContexts: field.nullable(
    ['String'],
    ploverContexts,
    'PLOVER contexts (e.g. military, cyber); see `ploverContexts`.',
    { row: (value) => ({ ploverContexts: value ?? [] }) },
  ),
});

export const EventRef = recordNode('Event', (t) => ({
  kind: t.expose('kind', { type: EventKindEnum }),
  title: t.exposeString('title'),
  summary: t.exposeString('summary'),
  start: t.field({
    type: FuzzyDate,
    description: 'When it started (or happened), as precisely as the sources say.',
    select: { startDate: true, startPrecision: true },
    resolve: (e) => ({ date: e.startDate, precision: e.startPrecision }),
  }),
  end: t.field(
    fuzzyDateField('end', 'When it ended, for events spanning several days; null for single-day events.'),
  ),
  placeName: t.exposeString('placeName', { nullable: true }),
  placeCountry: t.relation('placeCountry', { nullable: true }),
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
    args: {
      roles: t.arg({ type: [ParticipationRoleEnum], required: false, description: 'Only these roles.' }),
    },
    query: (args) => ({
      where: args.roles?.length ? { role: { in: args.roles } } : {},
      orderBy: [{ role: 'asc' as const }, { id: 'asc' as const }],
    }),
  }),
  agreementsSigned: t.relation('agreementsSigned', {
    query: { where: liveWhere.Agreement, orderBy: { title: 'asc' } },
  }),
  remarks: t.relation('remarks', {
    query: { where: liveWhere.Remark, orderBy: [{ saidDate: 'asc' }, { id: 'asc' }] },
  }),
  createdAt: t.expose('createdAt', { type: 'DateTime' }),
  updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
}));

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
      ...rootRecordPage,
      type: 'Event',
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
      totalCount: (_root, args, ctx) => ctx.prisma.event.count({ where: eventWhere(args.filter) }),
    },
    { description: 'A page of events.' },
    { description: 'An event and its cursor.' },
  ),
  event: t.prismaField(recordBySlug('Event', 'One event by its slug; NOT_FOUND when there is none.')),
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
