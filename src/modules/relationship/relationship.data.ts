// The aggregate side of the relationship view (two countries): which events are bilateral, how they are
// spread over time and kinds, which remarks and agreements belong to the relationship, who met whom
// most, and which ids are on the requested pages. Everything one request asks for is ONE SQL statement
// (`loadRelationship`), with bound parameters; the records themselves are loaded by id afterwards.
//
// The counts, totals, first and last contact, the unfiltered events page and the top pairs read the
// summaries of migration relationship_summaries, which triggers keep exact in each write's transaction
// for every pair of countries: a few hundred rows per request, however long the log. A pair is stored
// once as (country_lo, country_hi), the lower id first (`pairKey`).
//
// "Bilateral" means both countries are in `event.country_ids`, which the database keeps (migration
// event_countries): the ids of the countries that took part, directly or through their people and
// bodies, exactly as `involvesCountry` in src/modules/event/event.filters.ts defines it. A filtered events page
// still reads the event table (`country_ids @> ARRAY[a, b]`, GIN-indexed) with the filter's conditions.
import { StatementNames, type DirectRead } from '../../core/db/direct-reads.js';
import { liveFragment } from '../../core/db/models.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { DatePrecision, EventKind } from '../../generated/prisma/enums.js';
import { eventFilterSql, type EventFilterInput } from '../event/event.filters.js';

/** Two distinct ISO 3166-1 alpha-2 codes, in the order the client gave them. */
export type CountryPair = readonly [string, string];

/** The two countries, resolved to their participant ids (in the order of the pair). */
export interface ResolvedPair {
  codes: CountryPair;
  ids: readonly [string, string];
}

/** Prisma's page arguments (what Pothos hands a connection): take < 0 reads backwards from the cursor. */
export interface PageArgs {
  take: number;
  skip: number;
  cursor?: string | undefined;
}

export interface PeriodCountRow {
  period: string;
  count: number;
  /** Events in the period dated less precisely than the period itself (a "2021" event in "2021-01"). */
  imprecise: number;
}

export interface KindCountRow {
  kind: EventKind;
  count: number;
}

export interface MeetingPairRow {
  /** The person from the first country. */
  aId: string;
  /** The person from the second country. */
  bId: string;
  meetings: number;
  /** The bilateral events both took part in, oldest first (empty unless the part asked for them). */
  eventIds: string[];
  /** Start date and its precision of the latest of those events. */
  lastDate: Date;
  lastPrecision: DatePrecision;
}

/** A page of ids in page order, and (when asked) how many there are in all. */
export interface IdPage {
  ids: string[];
  total?: number;
}

/** One part of the aggregate: its SQL (a scalar subquery returning json) and how to read its value. */
export type Part =
  | { kind: 'countsByYear' }
  | { kind: 'countsByMonth' }
  | { kind: 'countsByKind' }
  | { kind: 'undatedCount' }
  | { kind: 'firstContact' }
  | { kind: 'lastContact' }
  /** `events`: whether the pairs' lists of events are wanted (else `eventIds` is empty). */
  | { kind: 'topPairs'; limit: number; events: boolean }
  | { kind: 'events'; filter: EventFilterInput | null | undefined; page?: PageArgs; total: boolean }
  | { kind: 'agreements'; page?: PageArgs; total: boolean }
  | { kind: 'remarks'; page?: PageArgs; total: boolean };

export type PartValue<P extends Part> = P['kind'] extends 'countsByYear' | 'countsByMonth'
  ? PeriodCountRow[]
  : P['kind'] extends 'countsByKind'
    ? KindCountRow[]
    : P['kind'] extends 'undatedCount'
      ? number
      : P['kind'] extends 'firstContact' | 'lastContact'
        ? string | null
        : P['kind'] extends 'topPairs'
          ? MeetingPairRow[]
          : IdPage;

/**
 * How many statement texts are prepared per connection (a text per combination of parts and page shapes
 * a client asks for; the others run unnamed): each prepared plan takes memory on every pooled connection.
 */
const statementNames = new StatementNames(16);

/** The live countries with these ISO codes, by code (prepared, like the aggregate). */
export async function findCountries(read: DirectRead, codes: CountryPair): Promise<Map<string, string>> {
  const { text, values } = Prisma.sql`SELECT p.iso_code, p.id::text FROM participant p
    WHERE p.iso_code IN (${codes[0]}::text, ${codes[1]}::text) AND ${liveFragment('Participant', 'p')}`;
  const { rows } = await read(text, values, statementNames.nameFor(text));
  return new Map(rows.map(([code, id]) => [code as string, id as string]));
}

/**
 * Computes all `parts` for the pair in one statement, prepared once per connection (the statement is
 * long, and planning it cost more than running it). Returns the values in the order of `parts`.
 */
export async function loadRelationship(
  read: DirectRead,
  pair: ResolvedPair,
  parts: readonly Part[],
): Promise<unknown[]> {
  if (parts.length === 0) return [];
  const { text, values } = relationshipSql(pair, parts);
  const [row] = (await read(text, values, statementNames.nameFor(text))).rows;
  return parts.map((part, i) => {
    const json = row?.[i] as string | null | undefined;
    return readPart(part, json == null ? null : JSON.parse(json));
  });
}

/** The one statement: a row with a column of JSON text per part, in the order of `parts`. */
export function relationshipSql(pair: ResolvedPair, parts: readonly Part[]): Prisma.Sql {
  const columns = parts.map(
    (part, i) => Prisma.sql`(${partSql(pair, part)})::text AS ${Prisma.raw(`"p${i}"`)}`,
  );
  return Prisma.sql`SELECT ${Prisma.join(columns, ',\n')}`;
}

/** `country_ids` holds both countries; `e` is the event table's alias. */
const bilateral = ({ ids: [a, b] }: ResolvedPair) =>
  Prisma.sql`e.country_ids @> ARRAY[${a}::uuid, ${b}::uuid] AND ${liveFragment('Event', 'e')}`;

/** The pair's rows of a summary table aliased `alias`: its key is the two ids, the lower first. */
const pairKey = ({ ids: [a, b] }: ResolvedPair, alias: string) =>
  Prisma.sql`${Prisma.raw(alias)}.country_lo = least(${a}::uuid, ${b}::uuid)
    AND ${Prisma.raw(alias)}.country_hi = greatest(${a}::uuid, ${b}::uuid)`;

function partSql(pair: ResolvedPair, part: Part): Prisma.Sql {
  switch (part.kind) {
    case 'countsByYear':
    case 'countsByMonth': {
      const format = part.kind === 'countsByYear' ? 'YYYY' : 'YYYY-MM';
      // A date of YEAR precision is only "somewhere in that year": within a month bucket it is approximate.
      const coarser = part.kind === 'countsByYear' ? Prisma.sql`false` : Prisma.sql`m.year_precision`;
      // Months are stored; a year is the sum of its months. Periods whose count fell to 0 are left out.
      return Prisma.sql`(SELECT coalesce(json_agg(json_build_object(
          'period', t.period, 'count', t.count, 'imprecise', t.imprecise) ORDER BY t.period), '[]')
        FROM (SELECT to_char(m.month, ${format}::text) AS period, sum(m.n)::int AS count,
                     coalesce(sum(m.n) FILTER (WHERE ${coarser}), 0)::int AS imprecise
              FROM relationship_month_count m WHERE ${pairKey(pair, 'm')}
              GROUP BY 1 HAVING sum(m.n) > 0) t)`;
    }
    case 'countsByKind':
      return Prisma.sql`(SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'count', t.count)
          ORDER BY t.count DESC, t.kind ASC), '[]')
        FROM (SELECT k.kind::text AS kind, k.n AS count FROM relationship_kind_count k
              WHERE ${pairKey(pair, 'k')} AND k.n > 0) t)`;
    case 'undatedCount':
      // Undated (ON_OR_BEFORE) events are in every total but in no month: the difference of two sums.
      return Prisma.sql`(SELECT (SELECT coalesce(sum(k.n), 0) FROM relationship_kind_count k WHERE ${pairKey(pair, 'k')})
        - (SELECT coalesce(sum(m.n), 0) FROM relationship_month_count m WHERE ${pairKey(pair, 'm')}))::int`;
    case 'firstContact':
    case 'lastContact': {
      const order =
        part.kind === 'firstContact'
          ? Prisma.sql`r.start_date ASC, r.event_id ASC`
          : Prisma.sql`r.start_date DESC, r.event_id DESC`;
      // The latest start: an undated event (ON_OR_BEFORE) is stored at its bound but may have been any
      // time before it, so it is the last contact only when no event is dated. The first probe walks the
      // (start_date DESC) index past the few undated rows; the second answers when all are undated.
      if (part.kind === 'lastContact')
        return Prisma.sql`coalesce(
          (SELECT to_json(r.event_id) FROM relationship_event r WHERE ${pairKey(pair, 'r')}
             AND r.start_precision <> 'ON_OR_BEFORE' ORDER BY ${order} LIMIT 1),
          (SELECT to_json(r.event_id) FROM relationship_event r WHERE ${pairKey(pair, 'r')}
             ORDER BY ${order} LIMIT 1))`;
      // Imprecise dates, honestly: an event "in 2021" is stored as 1 January but may be as late as
      // 31 December, so it is the first contact only if no event certainly came before its period ended.
      // The candidates start no later than the earliest-starting event's last possible day. Both steps are
      // index scans of relationship_event that stop at their first row. An undated event (ON_OR_BEFORE,
      // stored at its bound, which is also its latest_date) is first only if no dated event certainly
      // came before its bound: the log cannot say it came first, only that nothing dated is known earlier.
      return Prisma.sql`(SELECT to_json(r.event_id) FROM relationship_event r WHERE ${pairKey(pair, 'r')}
        AND r.start_date <= (SELECT r.latest_date FROM relationship_event r WHERE ${pairKey(pair, 'r')}
                             ORDER BY ${order} LIMIT 1)
        ORDER BY r.latest_date ASC, ${order} LIMIT 1)`;
    }
    case 'topPairs':
      return topPairsSql(pair, part);
    case 'events':
      return eventsSql(pair, part);
    case 'agreements':
      return agreementsPartSql(pair, part);
    case 'remarks':
      return remarksPartSql(pair, part);
  }
}

function readPart(part: Part, value: unknown): unknown {
  if (part.kind === 'topPairs') {
    return (value as (Omit<MeetingPairRow, 'lastDate'> & { lastDate: string })[]).map((row) => ({
      ...row,
      lastDate: new Date(`${row.lastDate}T00:00:00.000Z`),
    }));
  }
  return value ?? null;
}

/**
 * A page of a connection ordered by (start_date DESC, id DESC), with Prisma's cursor semantics: the
 * cursor row's position bounds the page (its own row counts unless skipped); a negative take reads
 * backwards. The position is a row comparison, so the (start_date, id) index seeks straight to it.
 */
function eventsSql(pair: ResolvedPair, part: Extract<Part, { kind: 'events' }>): Prisma.Sql {
  const total = !part.total
    ? Prisma.sql`NULL::int`
    : part.filter
      ? Prisma.sql`(SELECT count(*) FROM event e WHERE ${bilateral(pair)} AND ${eventFilterSql(part.filter)})::int`
      : Prisma.sql`(SELECT coalesce(sum(k.n), 0) FROM relationship_kind_count k WHERE ${pairKey(pair, 'k')})::int`;
  if (!part.page) return Prisma.sql`json_build_object('ids', '[]'::json, 'total', ${total})`;
  const { take, skip, cursor } = part.page;
  const forward = take >= 0;
  // Unfiltered, the page is a range of the pair's summary rows; filtered, of the event table.
  const [from, where, id] = part.filter
    ? [
        Prisma.sql`event e`,
        Prisma.sql`${bilateral(pair)} AND ${eventFilterSql(part.filter)}`,
        Prisma.sql`e.id`,
      ]
    : [Prisma.sql`relationship_event e`, pairKey(pair, 'e'), Prisma.sql`e.event_id`];
  const at =
    cursor === undefined
      ? Prisma.empty
      : Prisma.sql`AND (e.start_date, ${id}) ${Prisma.raw(forward ? '<=' : '>=')}
          (SELECT c.start_date, c.id FROM event c WHERE c.id = ${cursor}::uuid)`;
  const order = forward ? Prisma.sql`e.start_date DESC, ${id} DESC` : Prisma.sql`e.start_date ASC, ${id} ASC`;
  // Read backwards, the page is still returned newest first (as Prisma returns it).
  return Prisma.sql`json_build_object(
    'ids', (SELECT coalesce(json_agg(t.id ORDER BY t.start_date DESC, t.id DESC), '[]')
            FROM (SELECT ${id} AS id, e.start_date FROM ${from} WHERE ${where} ${at}
                  ORDER BY ${order} OFFSET ${skip}::int LIMIT ${Math.abs(take)}::int) t),
    'total', ${total})`;
}

/**
 * A page of a list (`matched`: rows with an id and the columns `order` sorts by, unqualified), with
 * Prisma's cursor semantics by position: the page starts at the cursor's position (plus skip), or ends
 * there when take < 0; a cursor not in the list gives an empty page.
 *
 * The list is computed once. The usual page (the first, forwards) is a top-N sort of it and the total a
 * count (or `knownTotal`); only a cursor or a backward page ranks the whole list (`ordered`), which costs
 * a full sort.
 */
function positionalPageSql(
  matched: Prisma.Sql,
  order: Prisma.Sql,
  part: { page?: PageArgs; total: boolean },
  knownTotal?: Prisma.Sql,
): Prisma.Sql {
  const total =
    knownTotal ?? (part.total ? Prisma.sql`(SELECT count(*)::int FROM matched)` : Prisma.sql`NULL::int`);
  let page = Prisma.sql`'[]'::json`;
  if (part.page) {
    const { take, skip, cursor } = part.page;
    if (cursor === undefined && take >= 0) {
      page = Prisma.sql`(SELECT coalesce(json_agg(t.id ORDER BY ${order}), '[]') FROM (
          SELECT * FROM matched ORDER BY ${order} OFFSET ${skip}::int LIMIT ${take}::int) t)`;
    } else {
      const anchor =
        cursor === undefined
          ? Prisma.sql`(SELECT count(*) FROM ordered)`
          : Prisma.sql`(SELECT pos FROM ordered WHERE id = ${cursor}::uuid)`;
      page =
        take >= 0
          ? Prisma.sql`(SELECT coalesce(json_agg(t.id ORDER BY t.pos), '[]') FROM (
              SELECT id, pos FROM ordered WHERE pos >= ${anchor} + ${skip}::int ORDER BY pos LIMIT ${take}::int) t)`
          : Prisma.sql`(SELECT coalesce(json_agg(t.id ORDER BY t.pos), '[]') FROM (
              SELECT id, pos FROM ordered WHERE pos <= ${anchor} - ${skip}::int ORDER BY pos DESC LIMIT ${-take}::int) t)`;
    }
  }
  return Prisma.sql`(WITH matched AS (${matched}),
      ordered AS (SELECT id, row_number() OVER (ORDER BY ${order}) AS pos FROM matched)
    SELECT json_build_object('ids', ${page}, 'total', ${total}))`;
}

/**
 * Agreements both countries are party to (directly or through their bodies), most recently signed first,
 * undated last; not deleted. From relationship_agreement (migration relationship_agreements): the first
 * page is an index range that stops after the page, the total a counter; a cursor or a backward page
 * ranks the pair's rows by position.
 */
function agreementsPartSql(pair: ResolvedPair, part: { page?: PageArgs; total: boolean }): Prisma.Sql {
  const order = Prisma.sql`signed_date DESC NULLS LAST, id DESC`;
  const total = part.total
    ? Prisma.sql`(SELECT coalesce(sum(c.n), 0) FROM relationship_agreement_count c WHERE ${pairKey(pair, 'c')})::int`
    : Prisma.sql`NULL::int`;
  const rows = Prisma.sql`SELECT r.agreement_id AS id, r.signed_date FROM relationship_agreement r
    WHERE ${pairKey(pair, 'r')}`;
  if (!part.page) return Prisma.sql`json_build_object('ids', '[]'::json, 'total', ${total})`;
  const { take, skip, cursor } = part.page;
  if (cursor === undefined && take >= 0) {
    return Prisma.sql`json_build_object(
      'ids', (SELECT coalesce(json_agg(t.id ORDER BY ${order}), '[]') FROM (
                ${rows} ORDER BY r.signed_date DESC NULLS LAST, r.agreement_id DESC
                OFFSET ${skip}::int LIMIT ${take}::int) t),
      'total', ${total})`;
  }
  return positionalPageSql(rows, order, { page: part.page, total: false }, total);
}

/**
 * The relationship's remarks, most recent first (said date, then id, descending): said by either side
 * (the country, or a person or body of it) and about the other side (its ISO code among the topics),
 * about a region (a topic that is not a two-letter code: "Indo-Pacific", "South China Sea"), or said at a
 * bilateral event. Not deleted.
 *
 * Read from the summaries of migration relationship_remarks: each side's region remarks, and the pair's
 * other remarks (disjoint, since a remark has one speaker). The total is three counters; the first page
 * (forwards, no cursor) is a merge of three index scans that each stop after the page. A cursor or a
 * backward page ranks the whole list by position (Prisma's cursor semantics), as other lists do.
 */
function remarksPartSql(pair: ResolvedPair, part: { page?: PageArgs; total: boolean }): Prisma.Sql {
  const [a, b] = pair.ids;
  const order = Prisma.sql`said_date DESC NULLS LAST, id DESC`;
  const total = part.total
    ? Prisma.sql`((SELECT coalesce(sum(c.n), 0) FROM relationship_region_remark_count c
                   WHERE c.side IN (${a}::uuid, ${b}::uuid))
                + (SELECT coalesce(sum(c.n), 0) FROM relationship_remark_count c WHERE ${pairKey(pair, 'c')}))::int`
    : Prisma.sql`NULL::int`;
  const sources = (limit: Prisma.Sql) => {
    const region = (side: string) => Prisma.sql`(SELECT r.remark_id AS id, r.said_date
      FROM relationship_region_remark r WHERE r.side = ${side}::uuid
      ORDER BY r.said_date DESC NULLS LAST, r.remark_id DESC ${limit})`;
    return Prisma.sql`${region(a)} UNION ALL ${region(b)} UNION ALL (SELECT r.remark_id AS id, r.said_date
      FROM relationship_remark r WHERE ${pairKey(pair, 'r')}
      ORDER BY r.said_date DESC NULLS LAST, r.remark_id DESC ${limit})`;
  };
  if (!part.page) return Prisma.sql`json_build_object('ids', '[]'::json, 'total', ${total})`;
  const { take, skip, cursor } = part.page;
  if (cursor === undefined && take >= 0) {
    const limit = Prisma.sql`LIMIT ${skip + take}::int`;
    return Prisma.sql`json_build_object(
      'ids', (SELECT coalesce(json_agg(t.id ORDER BY ${order}), '[]') FROM (
                SELECT * FROM (${sources(limit)}) m ORDER BY ${order} OFFSET ${skip}::int LIMIT ${take}::int) t),
      'total', ${total})`;
  }
  return positionalPageSql(sources(Prisma.empty), order, { page: part.page, total: false }, total);
}

/**
 * Pairs of people, one from each side, who took part in the same live events: most meetings first, then
 * by the names (first country's person, then the second's).
 *
 * The counts are relationship_pair's (kept by triggers). The best `limit` pairs by meetings alone are read
 * from its (pair, meetings DESC) index; every pair with one of their numbers of meetings is a candidate
 * (ties), read by equality on the same index, and only those are joined to their names and ordered.
 * (Written as `meetings >= the limit-th`, or as a join the planner may flatten, it could not estimate the
 * range and read all the pair's rows with parallel workers, whose start-up cost more than the rest of
 * the view; OFFSET 0 keeps the look-up per number of meetings. The names are looked up per candidate for
 * the same reason: estimated as thousands, the candidates were hash-joined with every participant.) Each top pair's last meeting is the first
 * row of its relationship_pair_event index; its list of events (all of them, which for two busy
 * ministers is thousands) is read only when `events` asks for it.
 */
function topPairsSql(pair: ResolvedPair, part: Extract<Part, { kind: 'topPairs' }>): Prisma.Sql {
  const { limit } = part;
  if (limit === 0) return Prisma.sql`'[]'::json`;
  const [a] = pair.ids;
  const met = Prisma.sql`relationship_pair_event m WHERE m.person_lo = t.person_lo AND m.person_hi = t.person_hi`;
  const eventIds = part.events
    ? Prisma.sql`(SELECT array_agg(m.event_id ORDER BY m.start_date, m.event_id) FROM ${met})`
    : Prisma.sql`'{}'::uuid[]`;
  return Prisma.sql`(WITH counted AS (
      SELECT CASE WHEN t.country_lo = ${a}::uuid THEN t.person_lo ELSE t.person_hi END AS a_id,
             CASE WHEN t.country_lo = ${a}::uuid THEN t.person_hi ELSE t.person_lo END AS b_id,
             t.person_lo, t.person_hi, t.meetings
      FROM (SELECT DISTINCT k.meetings FROM (
              SELECT k.meetings FROM relationship_pair k WHERE ${pairKey(pair, 'k')} AND k.meetings > 0
              ORDER BY k.meetings DESC LIMIT ${limit}::int) k) v
      CROSS JOIN LATERAL (SELECT * FROM relationship_pair t
                          WHERE ${pairKey(pair, 't')} AND t.meetings = v.meetings OFFSET 0) t
    ),
    top AS (
      SELECT t.*,
             (SELECT x.name FROM participant x WHERE x.id = t.a_id) AS a_name,
             (SELECT x.name FROM participant x WHERE x.id = t.b_id) AS b_name
      FROM counted t
      ORDER BY t.meetings DESC, a_name, b_name, t.a_id, t.b_id
      LIMIT ${limit}::int
    )
    SELECT coalesce(json_agg(json_build_object(
        'aId', t.a_id, 'bId', t.b_id, 'meetings', t.meetings, 'eventIds', ${eventIds},
        'lastDate', (last.meeting).start_date, 'lastPrecision', (last.meeting).start_precision)
      ORDER BY t.meetings DESC, t.a_name, t.b_name, t.a_id, t.b_id), '[]')
    FROM top t
    -- The latest start, as lastContact: undated events only when none is dated. Two probes of the
    -- (start_date DESC) index that each stop at their first row, not a sort of all the pair's meetings;
    -- OFFSET 0 keeps the row from being expanded into one probe per column read.
    CROSS JOIN LATERAL (SELECT coalesce(
        (SELECT m FROM ${met} AND m.start_precision <> 'ON_OR_BEFORE'
         ORDER BY m.start_date DESC, m.event_id DESC LIMIT 1),
        (SELECT m FROM ${met} ORDER BY m.start_date DESC, m.event_id DESC LIMIT 1)) AS meeting OFFSET 0) last)`;
}
