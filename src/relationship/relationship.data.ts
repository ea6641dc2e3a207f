// The aggregate side of the relationship view (two countries): which events are bilateral, how they are
// spread over time and kinds, which remarks and agreements belong to the relationship, who met whom
// most, and which ids are on the requested pages. Everything one request asks for is ONE SQL statement
// (`loadRelationship`), with bound parameters; the records themselves are loaded by id afterwards.
//
// "Bilateral" reads `event.country_ids`, which the database keeps (migration event_countries): the ids of
// the countries that took part, directly or through their people and bodies, exactly as `involvesCountry`
// in src/event/event.filters.ts defines it. So `country_ids @> ARRAY[a, b]` is the relationship's event
// set, one GIN-indexed condition instead of a join over every participation of both sides.
import { liveFragment } from '../db/models.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { DatePrecision, EventKind } from '../generated/prisma/enums.js';
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
  /** The bilateral events both took part in, oldest first. */
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
  | { kind: 'firstContact' }
  | { kind: 'lastContact' }
  | { kind: 'topPairs'; limit: number }
  | { kind: 'events'; filter: EventFilterInput | null | undefined; page?: PageArgs; total: boolean }
  | { kind: 'agreements'; page?: PageArgs; total: boolean }
  | { kind: 'remarks'; page?: PageArgs; total: boolean };

export type PartValue<P extends Part> = P['kind'] extends 'countsByYear' | 'countsByMonth'
  ? PeriodCountRow[]
  : P['kind'] extends 'countsByKind'
    ? KindCountRow[]
    : P['kind'] extends 'firstContact' | 'lastContact'
      ? string | null
      : P['kind'] extends 'topPairs'
        ? MeetingPairRow[]
        : IdPage;

/**
 * Computes all `parts` for the pair in one statement: a single row with one json column per part.
 * Returns the values in the order of `parts`.
 */
export async function loadRelationship(
  prisma: PrismaClient,
  pair: ResolvedPair,
  parts: readonly Part[],
): Promise<unknown[]> {
  if (parts.length === 0) return [];
  const [row] = await prisma.$queryRaw<Record<string, unknown>[]>(relationshipSql(pair, parts));
  return parts.map((part, i) => readPart(part, row?.[`p${i}`]));
}

/** The one statement: a row with a json column `p0`, `p1`… per part. */
export function relationshipSql(pair: ResolvedPair, parts: readonly Part[]): Prisma.Sql {
  const columns = parts.map((part, i) => Prisma.sql`${partSql(pair, part)} AS ${Prisma.raw(`"p${i}"`)}`);
  // The counts and the events' total share one pass over the bilateral events (`bi`), read from the
  // covering index event_bilateral_idx (an index-only scan, not the 80 MB heap) and grouped at once by
  // date and by kind: about 12k small rows at 100k events instead of one row per event.
  const shared = parts.some(readsBilateralSet)
    ? Prisma.sql`WITH bi AS MATERIALIZED (
        SELECT e.start_date, e.start_precision, e.kind, GROUPING(e.kind) AS by_date, count(*) AS n
        FROM event e WHERE ${bilateral(pair)}
        GROUP BY GROUPING SETS ((e.start_date, e.start_precision), (e.kind)))`
    : Prisma.empty;
  return Prisma.sql`${shared} SELECT ${Prisma.join(columns, ',\n')}`;
}

const readsBilateralSet = (part: Part) =>
  part.kind === 'countsByYear' ||
  part.kind === 'countsByMonth' ||
  part.kind === 'countsByKind' ||
  (part.kind === 'events' && part.total && !part.filter);

/** `country_ids` holds both countries; `e` is the event table's alias. */
const bilateral = ({ ids: [a, b] }: ResolvedPair) =>
  Prisma.sql`e.country_ids @> ARRAY[${a}::uuid, ${b}::uuid] AND ${liveFragment('Event', 'e')}`;

function partSql(pair: ResolvedPair, part: Part): Prisma.Sql {
  switch (part.kind) {
    case 'countsByYear':
    case 'countsByMonth': {
      const format = part.kind === 'countsByYear' ? 'YYYY' : 'YYYY-MM';
      // A date of YEAR precision is only "somewhere in that year": within a month bucket it is approximate.
      const coarser =
        part.kind === 'countsByYear' ? Prisma.sql`false` : Prisma.sql`bi.start_precision = 'YEAR'`;
      // `bi` rows with by_date = 1 are (date, precision) groups: the period is formatted once per date.
      return Prisma.sql`(SELECT coalesce(json_agg(json_build_object(
          'period', t.period, 'count', t.count, 'imprecise', t.imprecise) ORDER BY t.period), '[]')
        FROM (SELECT to_char(bi.start_date, ${format}::text) AS period, sum(bi.n)::int AS count,
                     coalesce(sum(bi.n) FILTER (WHERE ${coarser}), 0)::int AS imprecise
              FROM bi WHERE bi.by_date = 1 GROUP BY 1) t)`;
    }
    case 'countsByKind':
      return Prisma.sql`(SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'count', t.count)
          ORDER BY t.count DESC, t.kind ASC), '[]')
        FROM (SELECT bi.kind::text AS kind, bi.n::int AS count FROM bi WHERE bi.by_date = 0) t)`;
    case 'firstContact':
    case 'lastContact': {
      const order =
        part.kind === 'firstContact'
          ? Prisma.sql`e.start_date ASC, e.id ASC`
          : Prisma.sql`e.start_date DESC, e.id DESC`;
      if (part.kind === 'lastContact')
        return Prisma.sql`(SELECT to_json(e.id) FROM event e WHERE ${bilateral(pair)} ORDER BY ${order} LIMIT 1)`;
      // Imprecise dates, honestly: an event "in 2021" is stored as 1 January but may be as late as
      // 31 December, so it is the first contact only if no event certainly came before its period ended.
      // The candidates start no later than the earliest-starting event's last possible day.
      return Prisma.sql`(SELECT to_json(e.id) FROM event e WHERE ${bilateral(pair)}
        AND e.start_date <= (SELECT e.latest_date FROM event e WHERE ${bilateral(pair)} ORDER BY ${order} LIMIT 1)
        ORDER BY e.latest_date ASC, ${order} LIMIT 1)`;
    }
    case 'topPairs':
      return topPairsSql(pair, part.limit);
    case 'events':
      return eventsSql(pair, part);
    case 'agreements':
      return positionalPageSql(
        Prisma.sql`SELECT a.id, a.signed_date
          FROM agreement a
          WHERE ${liveFragment('Agreement', 'a')}
            ${Prisma.join(
              pair.ids.map(
                (country) => Prisma.sql`AND EXISTS (SELECT 1 FROM agreement_party ap
                  JOIN participant p ON p.id = ap.participant_id
                  WHERE ap.agreement_id = a.id AND (p.id = ${country}::uuid OR p.country_id = ${country}::uuid))`,
              ),
              ' ',
            )}`,
        Prisma.sql`signed_date DESC NULLS LAST, id DESC`,
        part,
      );
    case 'remarks':
      return positionalPageSql(remarksSql(pair), Prisma.sql`said_date DESC NULLS LAST, id DESC`, part);
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
  const where = Prisma.sql`${bilateral(pair)} AND ${eventFilterSql(part.filter)}`;
  const total = !part.total
    ? Prisma.sql`NULL::int`
    : part.filter
      ? Prisma.sql`(SELECT count(*) FROM event e WHERE ${where})::int`
      : Prisma.sql`coalesce((SELECT sum(bi.n) FROM bi WHERE bi.by_date = 1), 0)::int`;
  if (!part.page) return Prisma.sql`json_build_object('ids', '[]'::json, 'total', ${total})`;
  const { take, skip, cursor } = part.page;
  const forward = take >= 0;
  const at =
    cursor === undefined
      ? Prisma.empty
      : Prisma.sql`AND (e.start_date, e.id) ${Prisma.raw(forward ? '<=' : '>=')}
          (SELECT c.start_date, c.id FROM event c WHERE c.id = ${cursor}::uuid)`;
  const order = Prisma.raw(forward ? 'e.start_date DESC, e.id DESC' : 'e.start_date ASC, e.id ASC');
  // Read backwards, the page is still returned newest first (as Prisma returns it).
  return Prisma.sql`json_build_object(
    'ids', (SELECT coalesce(json_agg(t.id ORDER BY t.start_date DESC, t.id DESC), '[]')
            FROM (SELECT e.id, e.start_date FROM event e WHERE ${where} ${at}
                  ORDER BY ${order} OFFSET ${skip}::int LIMIT ${Math.abs(take)}::int) t),
    'total', ${total})`;
}

/**
 * A page of a list (`matched`: rows with an id and the columns `order` sorts by, unqualified), with
 * Prisma's cursor semantics by position: the page starts at the cursor's position (plus skip), or ends
 * there when take < 0; a cursor not in the list gives an empty page.
 *
 * The list is computed once. The usual page (the first, forwards) is a top-N sort of it and the total a
 * count; only a cursor or a backward page ranks the whole list (`ordered`), which costs a full sort.
 */
function positionalPageSql(
  matched: Prisma.Sql,
  order: Prisma.Sql,
  part: { page?: PageArgs; total: boolean },
): Prisma.Sql {
  const total = part.total ? Prisma.sql`(SELECT count(*)::int FROM matched)` : Prisma.sql`NULL::int`;
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
 * The relationship's remarks (id, said date), to be ranked most recent first (said date, then id,
 * descending): said by either side (the country, or a person or body of it) and about the other side (its
 * ISO code among the topics), about a region (a topic that is not a two-letter code: "Indo-Pacific",
 * "South China Sea"), or said at a bilateral event. Not deleted.
 *
 * One row per remark (its speaker is one participant), so no DISTINCT. A speaker is on side `a` when it
 * is `a` or a participant whose country is `a`; a speaker on both sides (a country inside the other, which
 * the data never has) counts for both, as a join on the sides would.
 *
 * `OFFSET 0` keeps the topic tests above the join: without it the planner copies the whole OR, bilateral
 * event set included, down into the scan of remark as well, and evaluated it twice per remark.
 */
function remarksSql(pair: ResolvedPair): Prisma.Sql {
  const [a, b] = pair.ids;
  const [codeA, codeB] = pair.codes;
  const on = (side: string) => Prisma.sql`(s.id = ${side}::uuid OR s.country_id = ${side}::uuid)`;
  return Prisma.sql`SELECT m.id, m.said_date
    FROM (
      SELECT r.id, r.said_date, r.topics, r.event_id, ${on(a)} AS on_a, ${on(b)} AS on_b
      FROM remark r
      JOIN participant s ON s.id = r.speaker_id
      WHERE ${liveFragment('Remark', 'r')} AND (${on(a)} OR ${on(b)})
      OFFSET 0
    ) m
    WHERE (m.on_a AND ${codeB}::text = ANY (m.topics))
      OR (m.on_b AND ${codeA}::text = ANY (m.topics))
      OR EXISTS (SELECT 1 FROM unnest(m.topics) AS topic WHERE topic !~ '^[A-Z]{2}$')
      OR m.event_id IN (SELECT e.id FROM event e WHERE ${bilateral(pair)})`;
}

/**
 * Pairs of people, one from each side, who took part in the same bilateral events: most meetings first,
 * then by the names (first country's person, then the second's).
 *
 * A person's side is their country (a person is never a country), and an event with a person of each
 * side is bilateral by definition, so the pairs come from the two sides' participations alone, joined on
 * the event: no pass over the events, which the participations outnumber only threefold but outweigh
 * tenfold. Deleted events are left out through the small partial index of deleted events. The dates and
 * event lists are then read for the top pairs only.
 *
 * Each side's (person, event) rows are read person by person from the (participant_id, event_id) index,
 * already in event order, so a person in two roles at one event is folded by a streaming Unique rather
 * than by hashing 200k rows (which spilled to disk at the default work_mem); the pairs are counted by id
 * alone, and the names joined to the counts afterwards. 0.45 s instead of 1.1 s at 100k events.
 */
function topPairsSql(pair: ResolvedPair, limit: number): Prisma.Sql {
  const [a, b] = pair.ids;
  const people = (country: string) => Prisma.sql`(
    SELECT p.id AS person_id, m.event_id
    FROM participant p
    CROSS JOIN LATERAL (SELECT DISTINCT pa.event_id FROM participation pa WHERE pa.participant_id = p.id) m
    WHERE p.kind = 'PERSON' AND ${liveFragment('Participant', 'p')} AND p.country_id = ${country}::uuid)`;
  return Prisma.sql`(WITH pairs AS (
      SELECT x.person_id AS a_id, y.person_id AS b_id, count(*)::int AS meetings
      FROM ${people(a)} x
      JOIN ${people(b)} y ON y.event_id = x.event_id
      WHERE x.event_id NOT IN (SELECT d.id FROM event d WHERE d.deleted_at IS NOT NULL)
      GROUP BY x.person_id, y.person_id
    ),
    top AS (
      SELECT t.a_id, t.b_id, t.meetings, xa.name AS a_name, yb.name AS b_name
      FROM pairs t
      JOIN participant xa ON xa.id = t.a_id
      JOIN participant yb ON yb.id = t.b_id
      ORDER BY t.meetings DESC, xa.name, yb.name, t.a_id, t.b_id
      LIMIT ${limit}::int
    )
    SELECT coalesce(json_agg(json_build_object(
        'aId', t.a_id, 'bId', t.b_id, 'meetings', t.meetings, 'eventIds', met.ids,
        'lastDate', met.last_date, 'lastPrecision', met.last_precision)
      ORDER BY t.meetings DESC, t.a_name, t.b_name, t.a_id, t.b_id), '[]')
    FROM top t
    CROSS JOIN LATERAL (
      SELECT array_agg(e.id ORDER BY e.start_date, e.id) AS ids,
             (array_agg(e.start_date ORDER BY e.start_date DESC, e.id DESC))[1] AS last_date,
             (array_agg(e.start_precision::text ORDER BY e.start_date DESC, e.id DESC))[1] AS last_precision
      FROM event e
      WHERE ${liveFragment('Event', 'e')}
        AND e.id IN (SELECT event_id FROM participation WHERE participant_id = t.a_id
                     INTERSECT
                     SELECT event_id FROM participation WHERE participant_id = t.b_id)
    ) met)`;
}
