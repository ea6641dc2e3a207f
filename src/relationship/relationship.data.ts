// The aggregate side of the relationship view (two countries): which events are bilateral, how they are
// spread over time and kinds, which remarks belong to the relationship, and who met whom most. Each
// function is ONE SQL statement with bound parameters.
//
// "A country's side" is the country itself plus every participant whose country it is (its people and
// bodies), exactly as `involvesCountry` in src/event/event.filters.ts defines it for the events filter,
// so that these aggregates count the same events that the relationship's `events` connection lists.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { DatePrecision, EventKind } from '../generated/prisma/enums.js';

/** Two distinct ISO 3166-1 alpha-2 codes, in the order the client gave them. */
export type CountryPair = readonly [string, string];

/**
 * `sides`: (iso, participant_id) for both countries and their members.
 * `bilateral`: ids of non-deleted events in which both sides took part.
 */
function bilateralCtes([a, b]: CountryPair): Prisma.Sql {
  return Prisma.sql`
    sides AS (
      SELECT c.iso_code::text AS iso, p.id AS participant_id
      FROM participant c
      JOIN participant p ON p.id = c.id OR p.country_id = c.id
      WHERE c.iso_code IN (${a}::text, ${b}::text)
    ),
    bilateral AS (
      SELECT pa.event_id
      FROM participation pa
      JOIN sides s ON s.participant_id = pa.participant_id
      JOIN event e ON e.id = pa.event_id AND e.deleted_at IS NULL
      GROUP BY pa.event_id
      HAVING count(DISTINCT s.iso) = 2
    )`;
}

export interface PeriodCountRow {
  period: string;
  count: number;
  /** Events in the period dated less precisely than the period itself (a "2021" event in "2021-01"). */
  imprecise: number;
}

/** Bilateral events per year ("2021") or month ("2021-09") of their start date, oldest first. */
export async function countBilateralByPeriod(
  prisma: PrismaClient,
  pair: CountryPair,
  unit: 'year' | 'month',
): Promise<PeriodCountRow[]> {
  const format = unit === 'year' ? 'YYYY' : 'YYYY-MM';
  // A date of YEAR precision is only "somewhere in that year": within a month bucket it is approximate.
  const coarser = unit === 'year' ? Prisma.sql`false` : Prisma.sql`e.start_precision = 'YEAR'`;
  return prisma.$queryRaw<PeriodCountRow[]>`
    WITH ${bilateralCtes(pair)}
    SELECT to_char(e.start_date, ${format}::text) AS period,
           count(*)::int AS count,
           count(*) FILTER (WHERE ${coarser})::int AS imprecise
    FROM event e
    JOIN bilateral b ON b.event_id = e.id
    GROUP BY 1
    ORDER BY 1`;
}

export interface KindCountRow {
  kind: EventKind;
  count: number;
}

/** Bilateral events per kind, most frequent first (ties by kind). */
export async function countBilateralByKind(prisma: PrismaClient, pair: CountryPair): Promise<KindCountRow[]> {
  return prisma.$queryRaw<KindCountRow[]>`
    WITH ${bilateralCtes(pair)}
    SELECT e.kind::text AS kind, count(*)::int AS count
    FROM event e
    JOIN bilateral b ON b.event_id = e.id
    GROUP BY e.kind
    ORDER BY count(*) DESC, e.kind::text ASC`;
}

/**
 * Ids of the relationship's remarks: said by either side (the country, or a person or body of it) and
 * about the other side (its ISO code among the topics), about a region (a topic that is not a two-letter
 * code: "Indo-Pacific", "South China Sea"), or said at a bilateral event. Not deleted.
 */
/** The relationship's remarks, most recent first (said date, then id, descending): the page order. */
export async function relationshipRemarkIds(prisma: PrismaClient, [a, b]: CountryPair): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH ${bilateralCtes([a, b])}
    SELECT id FROM (
      SELECT DISTINCT r.id, r.said_date
      FROM remark r
      JOIN sides s ON s.participant_id = r.speaker_id
      WHERE r.deleted_at IS NULL
        AND (
          (CASE WHEN s.iso = ${a}::text THEN ${b}::text ELSE ${a}::text END) = ANY (r.topics)
          OR EXISTS (SELECT 1 FROM unnest(r.topics) AS topic WHERE topic !~ '^[A-Z]{2}$')
          OR r.event_id IN (SELECT event_id FROM bilateral)
        )
    ) matching
    ORDER BY said_date DESC NULLS LAST, id DESC`;
  return rows.map((r) => r.id);
}

/**
 * One page of an ordered id list, with Prisma's cursor semantics (the cursor row itself counts unless
 * skipped; a negative `take` reads backwards from it), so that a connection can page ids computed in
 * SQL without sending them all back as query parameters.
 */
export function pageOfIds(
  ids: readonly string[],
  { take, skip = 0, cursor }: { take: number; skip?: number; cursor?: string },
): string[] {
  const at = cursor === undefined ? undefined : ids.indexOf(cursor);
  if (at === -1) return [];
  if (take >= 0) {
    const start = (at ?? 0) + skip;
    return ids.slice(start, start + take);
  }
  const end = (at ?? ids.length - 1) - skip;
  return end < 0 ? [] : ids.slice(Math.max(0, end + 1 + take), end + 1);
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

/**
 * Pairs of people, one from each side, who took part in the same bilateral events: most meetings first,
 * then by the names (first country's person, then the second's).
 */
export async function topMeetingPairs(
  prisma: PrismaClient,
  pair: CountryPair,
  limit: number,
): Promise<MeetingPairRow[]> {
  const [a, b] = pair;
  return prisma.$queryRaw<MeetingPairRow[]>`
    WITH ${bilateralCtes(pair)},
    people AS (
      SELECT DISTINCT pa.event_id, s.iso, p.id AS person_id, p.name
      FROM participation pa
      JOIN bilateral bi ON bi.event_id = pa.event_id
      JOIN sides s ON s.participant_id = pa.participant_id
      JOIN participant p ON p.id = pa.participant_id AND p.kind = 'PERSON' AND p.deleted_at IS NULL
    ),
    -- Each event's pairs come from unnesting its two lists of people, not from joining people to
    -- itself: the planner cannot estimate these CTEs (it expects a row or two), and for the self-join it
    -- chose a nested loop comparing every row with every other (23 s at 10,000 events, past the
    -- statement timeout; see bench/).
    pairs AS (
      SELECT ev.event_id, x.person_id AS a_id, y.person_id AS b_id
      FROM (SELECT event_id,
                   array_agg(person_id) FILTER (WHERE iso = ${a}::text) AS xs,
                   array_agg(person_id) FILTER (WHERE iso = ${b}::text) AS ys
            FROM people
            GROUP BY event_id) ev
      CROSS JOIN LATERAL unnest(ev.xs) AS x(person_id)
      CROSS JOIN LATERAL unnest(ev.ys) AS y(person_id)
    )
    SELECT pr.a_id AS "aId",
           pr.b_id AS "bId",
           count(*)::int AS meetings,
           array_agg(e.id ORDER BY e.start_date, e.id)::text[] AS "eventIds",
           (array_agg(e.start_date ORDER BY e.start_date DESC, e.id DESC))[1] AS "lastDate",
           (array_agg(e.start_precision::text ORDER BY e.start_date DESC, e.id DESC))[1] AS "lastPrecision"
    FROM pairs pr
    JOIN participant xa ON xa.id = pr.a_id
    JOIN participant yb ON yb.id = pr.b_id
    JOIN event e ON e.id = pr.event_id
    GROUP BY pr.a_id, pr.b_id, xa.name, yb.name
    ORDER BY count(*) DESC, xa.name, yb.name, pr.a_id, pr.b_id
    LIMIT ${limit}::int`;
}
