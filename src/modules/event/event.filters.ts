// Turns the events filter into a Prisma `where` (the GraphQL lists) and into SQL (views that need raw
// SQL: dyads, exports). Kept apart from the schema so that every view filters events exactly the same
// way; tests/event-codes.test.ts checks that the two translations select the same events.
import { liveFragment, liveWhere } from '../../core/db/models.js';
import { Prisma } from '../../generated/prisma/client.js';
import { DatePrecision, type EventKind, type PloverCategory } from '../../generated/prisma/enums.js';
import { badInput } from '../../core/errors.js';

export interface EventFilterInput {
  from?: Date | null;
  to?: Date | null;
  kinds?: EventKind[] | null;
  cameoCodes?: string[] | null;
  /** Decoded global ids of participants (src/core/graphql/global-id.ts). */
  participants?: { id: string; typename?: string }[] | null;
  participantsMatch?: 'ANY' | 'ALL' | null;
  countries?: string[] | null;
  countriesMatch?: 'ANY' | 'ALL' | null;
  ploverCategories?: PloverCategory[] | null;
  ploverModes?: string[] | null;
  ploverContexts?: string[] | null;
  /** GDELT QuadClass numbers, 1–4. */
  quadClasses?: number[] | null;
  /** Only events every value of which (and of their participations) is stated by a quote. */
  statedOnly?: boolean | null;
}

const CAMEO_PREFIX = /^[0-9]{2,4}$/;
const PLOVER_MODE = /^[a-z]+(-[a-z]+)*$/;
const PLOVER_CONTEXT = /^[a-z]+(_[a-z]+)*$/;

/** Checks what the types cannot say; throws BAD_USER_INPUT naming the filter field at fault. */
export function checkEventFilter(filter: EventFilterInput, prefix = 'filter'): void {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw badInput(`${prefix}.to`, '`to` must not be before `from`');
  }
  (filter.participants ?? []).forEach((p, i) => {
    if (p.typename !== undefined && p.typename !== 'Participant')
      throw badInput(`${prefix}.participants.${i}`, `is the id of a ${p.typename}, not of a Participant`);
  });
  for (const code of filter.cameoCodes ?? []) {
    if (!CAMEO_PREFIX.test(code))
      throw badInput(`${prefix}.cameoCodes`, `"${code}" is not a CAMEO code (2–4 digits)`);
  }
  for (const mode of filter.ploverModes ?? []) {
    if (!PLOVER_MODE.test(mode))
      throw badInput(`${prefix}.ploverModes`, `"${mode}" is not a PLOVER mode (lower case, e.g. "visit")`);
  }
  for (const context of filter.ploverContexts ?? []) {
    if (!PLOVER_CONTEXT.test(context))
      throw badInput(
        `${prefix}.ploverContexts`,
        `"${context}" is not a PLOVER context (lower case, e.g. "military")`,
      );
  }
  for (const quad of filter.quadClasses ?? []) {
    if (!Number.isInteger(quad) || quad < 1 || quad > 4)
      throw badInput(`${prefix}.quadClasses`, `${quad} is not a QuadClass (1–4)`);
  }
}

/**
 * Events involving a country: the country itself, or a person or body belonging to it, took part. (The
 * SQL translation below reads the same set from event.country_ids; a Prisma filter cannot, as it would
 * need the country's id first.)
 */
export function involvesCountry(isoCode: string): Prisma.EventWhereInput {
  return {
    participations: {
      some: { participant: { OR: [{ isoCode }, { country: { isoCode } }] } },
    },
  };
}

/**
 * `from`/`to` respect date precision: an event matches when the period it may have taken place in
 * overlaps [from, to]. An event "in April 2021" matches a filter from 2021-04-15; an undated event
 * (ON_OR_BEFORE its date, with no earliest) matches any `to`, and a `from` up to its date.
 */
export function eventWhere(filter: EventFilterInput | null | undefined): Prisma.EventWhereInput {
  const and: Prisma.EventWhereInput[] = [liveWhere.Event];
  if (!filter) return { AND: and };
  checkEventFilter(filter);
  if (filter.from) and.push({ latestDate: { gte: filter.from } });
  if (filter.to)
    and.push({ OR: [{ startDate: { lte: filter.to } }, { startPrecision: DatePrecision.ON_OR_BEFORE }] });
  if (filter.kinds?.length) and.push({ kind: { in: filter.kinds } });
  if (filter.cameoCodes?.length) {
    // A code matches itself and every more specific code under it: "04" matches 040–046 and 0411.
    and.push({ OR: filter.cameoCodes.map((code) => ({ cameoCode: { startsWith: code } })) });
  }
  if (filter.ploverCategories?.length) and.push({ ploverCategory: { in: filter.ploverCategories } });
  if (filter.ploverModes?.length) and.push({ ploverMode: { in: filter.ploverModes } });
  if (filter.ploverContexts?.length) and.push({ ploverContexts: { hasSome: filter.ploverContexts } });
  if (filter.quadClasses?.length) and.push({ cameo: { is: { quadClass: { in: filter.quadClasses } } } });
  const participantIds = filter.participants?.map((p) => p.id) ?? [];
  if (participantIds.length) {
    const took = (participantId: string): Prisma.EventWhereInput => ({
      participations: { some: { participantId } },
    });
    and.push(
      filter.participantsMatch === 'ALL'
        ? { AND: participantIds.map(took) }
        : { OR: participantIds.map(took) },
    );
  }
  if (filter.countries?.length) {
    const countries = filter.countries.map(involvesCountry);
    and.push(filter.countriesMatch === 'ALL' ? { AND: countries } : { OR: countries });
  }
  if (filter.statedOnly) {
    const notStated = { value: null, basis: { not: 'STATED' as const } };
    and.push({ bases: { none: notStated }, participations: { none: { bases: { some: notStated } } } });
  }
  return { AND: and };
}

const any = (parts: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
const all = (parts: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(parts, ' AND ')})`;
const list = (values: readonly (string | number)[]) => Prisma.join(values.map((v) => Prisma.sql`${v}`));

/**
 * The same filter as `eventWhere`, as an SQL condition on the events table aliased `e` (with bound
 * parameters only; lists are spelled out as `IN ($1, $2…)` so that no driver has to serialise an array).
 */
export function eventFilterSql(filter: EventFilterInput | null | undefined): Prisma.Sql {
  const and: Prisma.Sql[] = [liveFragment('Event', 'e')];
  if (!filter) return all(and);
  checkEventFilter(filter);
  if (filter.from) and.push(Prisma.sql`e.latest_date >= ${isoDay(filter.from)}::date`);
  if (filter.to)
    and.push(
      Prisma.sql`(e.start_date <= ${isoDay(filter.to)}::date OR e.start_precision = ${DatePrecision.ON_OR_BEFORE}::"DatePrecision")`,
    );
  if (filter.kinds?.length) and.push(Prisma.sql`e.kind::text IN (${list(filter.kinds)})`);
  if (filter.cameoCodes?.length)
    and.push(any(filter.cameoCodes.map((code) => Prisma.sql`e.cameo_code LIKE ${`${code}%`}`)));
  if (filter.ploverCategories?.length)
    and.push(Prisma.sql`e.plover_category::text IN (${list(filter.ploverCategories)})`);
  if (filter.ploverModes?.length) and.push(Prisma.sql`e.plover_mode IN (${list(filter.ploverModes)})`);
  if (filter.ploverContexts?.length)
    and.push(any(filter.ploverContexts.map((c) => Prisma.sql`${c}::text = ANY (e.plover_contexts)`)));
  if (filter.quadClasses?.length)
    and.push(
      Prisma.sql`EXISTS (SELECT 1 FROM cameo_code fq WHERE fq.code = e.cameo_code AND fq.quad_class IN (${list(filter.quadClasses)}))`,
    );
  const participantIds = filter.participants?.map((p) => p.id) ?? [];
  if (participantIds.length) {
    const took = participantIds.map(
      (id) =>
        Prisma.sql`EXISTS (SELECT 1 FROM participation fp WHERE fp.event_id = e.id AND fp.participant_id = ${id}::uuid)`,
    );
    and.push(filter.participantsMatch === 'ALL' ? all(took) : any(took));
  }
  if (filter.countries?.length) {
    // event.country_ids holds the ids of the countries involved (kept by the database, migration
    // event_countries), so this is an indexed array test rather than a join over participations. An
    // unknown code gives ARRAY[NULL], which no array contains: it matches nothing, as above.
    const involves = filter.countries.map(
      (iso) =>
        Prisma.sql`e.country_ids @> ARRAY[(SELECT fc.id FROM participant fc WHERE fc.iso_code = ${iso}::text)]`,
    );
    and.push(filter.countriesMatch === 'ALL' ? all(involves) : any(involves));
  }
  if (filter.statedOnly)
    and.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM value_basis fb LEFT JOIN participation fbp ON fbp.id = fb.participation_id
      WHERE (fb.event_id = e.id OR fbp.event_id = e.id) AND fb.value IS NULL AND fb.basis <> 'STATED')`);
  return all(and);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
