// The events filter, declared once (src/graphql/filters.ts): the GraphQL `EventFilter`, its checks, the
// Prisma `where` of the GraphQL lists, the SQL of the views that need raw SQL (dyads, relationship,
// exports) and the export's query-string parameters all come from the fields below, so every view
// filters events exactly the same way.
import { Prisma } from '../../generated/prisma/client.js';
import { DatePrecision, EventKind, PloverCategory } from '../../generated/prisma/enums.js';
import { badInput } from '../../core/errors.js';
import { EventKindEnum, PloverCategoryEnum } from '../../core/graphql/enums.js';
import {
  defineFilter,
  enumFilter,
  filterField,
  MatchModeEnum,
  params,
  sqlAll,
  sqlAny,
  sqlList,
  type MatchMode,
} from '../../core/graphql/filters.js';
import { decodeGlobalIdOf } from '../../core/graphql/global-id.js';
import { QuadClassEnum } from './codes/event-codes.schema.js';
import { z } from 'zod';

const CAMEO_PREFIX = /^[0-9]{2,4}$/;
const PLOVER_MODE = /^[a-z]+(-[a-z]+)*$/;
const PLOVER_CONTEXT = /^[a-z]+(_[a-z]+)*$/;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Each value of a list must match `pattern`; the message names the first that does not. */
const eachMatches =
  (pattern: RegExp, message: (value: string) => string) => (values: string[], field: string) => {
    for (const value of values) if (!pattern.test(value)) throw badInput(field, message(value));
  };

/**
 * Events involving a country: the country itself, or a person or body belonging to it, took part. (The
 * SQL translation reads the same set from event.country_ids; a Prisma filter cannot, as it would need
 * the country's id first.)
 */
export function involvesCountry(isoCode: string): Prisma.EventWhereInput {
  return {
    participations: {
      some: { participant: { OR: [{ isoCode }, { country: { isoCode } }] } },
    },
  };
}

const match = (filter: Record<string, unknown>, companion: string) =>
  (filter[companion] as MatchMode | null | undefined) === 'ALL';

export const eventFilter = defineFilter('EventFilter', {
  model: 'Event',
  alias: 'e',
  description: 'Narrows a list of events. All given conditions must hold.',
  fields: {
    // `from`/`to` respect date precision: an event matches when the period it may have taken place in
    // overlaps [from, to]. An event "in April 2021" matches a filter from 2021-04-15; an undated event
    // (ON_OR_BEFORE its date, with no earliest) matches any `to`, and a `from` up to its date.
    from: filterField<Date>({
      type: 'Date',
      description: 'Events that may have taken place on or after this date (respects date precision).',
      where: (from) => ({ latestDate: { gte: from } }),
      sql: (from) => Prisma.sql`e.latest_date >= ${isoDay(from)}::date`,
      param: params.date,
    }),
    to: filterField<Date>({
      type: 'Date',
      description: 'Events that may have taken place on or before this date (respects date precision).',
      where: (to) => ({ OR: [{ startDate: { lte: to } }, { startPrecision: DatePrecision.ON_OR_BEFORE }] }),
      sql: (to) =>
        Prisma.sql`(e.start_date <= ${isoDay(to)}::date OR e.start_precision = ${DatePrecision.ON_OR_BEFORE}::"DatePrecision")`,
      param: params.date,
    }),
    kinds: enumFilter({
      type: EventKindEnum,
      values: EventKind,
      description: 'Only these kinds.',
      field: 'kind',
      column: 'e.kind',
    }),
    statedOnly: filterField<boolean>({
      type: 'Boolean',
      description:
        'Stated facts only: events none of whose values (date, place, kind, participations) is inferred or ' +
        'outside knowledge.',
      where: () => {
        const notStated = { value: null, basis: { not: 'STATED' as const } };
        return { bases: { none: notStated }, participations: { none: { bases: { some: notStated } } } };
      },
      sql: () => Prisma.sql`NOT EXISTS (SELECT 1 FROM value_basis fb LEFT JOIN participation fbp ON fbp.id = fb.participation_id
      WHERE (fb.event_id = e.id OR fbp.event_id = e.id) AND fb.value IS NULL AND fb.basis <> 'STATED')`,
      param: params.flag,
    }),
    cameoCodes: filterField<string[]>({
      type: ['String'],
      description:
        'CAMEO codes at any level, each matching itself and every code under it: "04" (a root) matches every 04x consultation, "042" (a base code) 042 and 042x, "0421" just that code.',
      check: eachMatches(CAMEO_PREFIX, (code) => `"${code}" is not a CAMEO code (2–4 digits)`),
      // A code matches itself and every more specific code under it: "04" matches 040–046 and 0411.
      where: (codes) => ({ OR: codes.map((code) => ({ cameoCode: { startsWith: code } })) }),
      sql: (codes) => sqlAny(codes.map((code) => Prisma.sql`e.cameo_code LIKE ${`${code}%`}`)),
      param: params.text(),
    }),
    ploverCategories: enumFilter({
      type: PloverCategoryEnum,
      values: PloverCategory,
      description: 'Only events of these PLOVER categories.',
      field: 'ploverCategory',
      column: 'e.plover_category',
    }),
    ploverModes: filterField<string[]>({
      type: ['String'],
      description: 'Only events with one of these PLOVER modes ("visit"); combine with ploverCategories.',
      check: eachMatches(PLOVER_MODE, (mode) => `"${mode}" is not a PLOVER mode (lower case, e.g. "visit")`),
      where: (modes) => ({ ploverMode: { in: modes } }),
      sql: (modes) => Prisma.sql`e.plover_mode IN (${sqlList(modes)})`,
      param: params.text(),
    }),
    ploverContexts: filterField<string[]>({
      type: ['String'],
      description: 'Only events with at least one of these PLOVER contexts ("military", "cyber").',
      check: eachMatches(
        PLOVER_CONTEXT,
        (context) => `"${context}" is not a PLOVER context (lower case, e.g. "military")`,
      ),
      where: (contexts) => ({ ploverContexts: { hasSome: contexts } }),
      sql: (contexts) => sqlAny(contexts.map((c) => Prisma.sql`${c}::text = ANY (e.plover_contexts)`)),
      param: params.text(),
    }),
    quadClasses: filterField<number[]>({
      type: [QuadClassEnum],
      description: 'Only events whose CAMEO code is in one of these QuadClasses.',
      check: (quads, field) => {
        for (const quad of quads)
          if (!Number.isInteger(quad) || quad < 1 || quad > 4)
            throw badInput(field, `${quad} is not a QuadClass (1–4)`);
      },
      where: (quads) => ({ cameo: { is: { quadClass: { in: quads } } } }),
      sql: (quads) =>
        Prisma.sql`EXISTS (SELECT 1 FROM cameo_code fq WHERE fq.code = e.cameo_code AND fq.quad_class IN (${sqlList(quads)}))`,
      param: () => z.coerce.number().int().min(1, 'must be 1–4').max(4, 'must be 1–4'),
    }),
    participants: filterField<{ id: string; typename?: string }[]>({
      input: (t, description) => t.globalIDList({ required: false, description }),
      description: 'Participant ids (see participantsMatch).',
      check: (participants, field) =>
        participants.forEach((p, i) => {
          if (p.typename !== undefined && p.typename !== 'Participant')
            throw badInput(`${field}.${i}`, `is the id of a ${p.typename}, not of a Participant`);
        }),
      where: (participants, filter) => {
        const took = (p: { id: string }) => ({ participations: { some: { participantId: p.id } } });
        return match(filter, 'participantsMatch')
          ? { AND: participants.map(took) }
          : { OR: participants.map(took) };
      },
      sql: (participants, filter) => {
        const took = participants.map(
          (p) =>
            Prisma.sql`EXISTS (SELECT 1 FROM participation fp WHERE fp.event_id = e.id AND fp.participant_id = ${p.id}::uuid)`,
        );
        return match(filter, 'participantsMatch') ? sqlAll(took) : sqlAny(took);
      },
      list: true,
      param: (coordinate) =>
        params
          .text('ID')(coordinate)
          .transform((value, ctx) => {
            const id = decodeGlobalIdOf(value, ['Participant']);
            if (id) return { id };
            ctx.addIssue({ code: 'custom', message: 'is not the id of a Participant' });
            return z.NEVER;
          }),
    }),
    participantsMatch: filterField<MatchMode>({
      type: MatchModeEnum,
      description: 'ANY (default) or ALL participants.',
      param: params.oneOf({ ANY: 'ANY', ALL: 'ALL' }),
    }),
    countries: filterField<string[]>({
      type: ['CountryCode'],
      description: 'Countries (ISO codes) that took part, directly or through their people and bodies.',
      where: (countries, filter) => {
        const involved = countries.map(involvesCountry);
        return match(filter, 'countriesMatch') ? { AND: involved } : { OR: involved };
      },
      // event.country_ids holds the ids of the countries involved (kept by the database, migration
      // event_countries), so this is an indexed array test rather than a join over participations. An
      // unknown code gives ARRAY[NULL], which no array contains: it matches nothing, as above.
      sql: (countries, filter) => {
        const involves = countries.map(
          (iso) =>
            Prisma.sql`e.country_ids @> ARRAY[(SELECT fc.id FROM participant fc WHERE fc.iso_code = ${iso}::text)]`,
        );
        return match(filter, 'countriesMatch') ? sqlAll(involves) : sqlAny(involves);
      },
      param: () => z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2 codes such as JP'),
    }),
    countriesMatch: filterField<MatchMode>({
      type: MatchModeEnum,
      description: 'ANY (default) or ALL countries.',
      param: params.oneOf({ ANY: 'ANY', ALL: 'ALL' }),
    }),
  },
  check: (filter, prefix) => {
    if (filter.from && filter.to && filter.from > filter.to)
      throw badInput(`${prefix}.to`, '`to` must not be before `from`');
  },
});

/** The events filter as resolvers and views take it. */
export type EventFilterInput = typeof eventFilter.$input;
export const EventFilter = eventFilter.ref;
export const checkEventFilter = eventFilter.check;
export const eventWhere = eventFilter.where;
export const eventFilterSql = eventFilter.sql;
