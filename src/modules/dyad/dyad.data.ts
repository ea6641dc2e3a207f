// The SQL behind directed dyads: which pairs of participants each event yields under the rules of
// dyad-rules.ts, and, for a pair of sides (countries or participants), the events between them with their
// Goldstein weights, totals and counts per period. Each function is ONE statement with bound parameters.
import { liveFragment } from '../../core/db/models.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { DatePrecision } from '../../generated/prisma/enums.js';
import { eventFilterSql, type EventFilterInput } from '../event/event.filters.js';
import { dyadRulesSql, type DyadRoles } from './dyad-rules.js';

/** One side of a dyad query: a country (itself and its people and bodies) or one participant. */
export type DyadSide = { country: string } | { participantId: string };

export interface DyadQuery {
  from: DyadSide;
  to: DyadSide;
  /** false: pairs in either direction (from → to or to → from). */
  directed: boolean;
  filter?: EventFilterInput | null;
}

export interface DyadRow extends DyadRoles {
  actor1Id: string;
  actor2Id: string;
}

/** Participant ids of a side: the same membership rule as the events filter's `countries`. */
function sideIds(side: DyadSide): Prisma.Sql {
  if ('participantId' in side) return Prisma.sql`SELECT ${side.participantId}::uuid`;
  return Prisma.sql`SELECT sp.id FROM participant sp LEFT JOIN participant sc ON sc.id = sp.country_id
    WHERE sp.iso_code = ${side.country}::text OR sc.iso_code = ${side.country}::text`;
}

/** `participation a` (actor 1) joined to `participation b` (actor 2) by the rules; live participants only. */
const DYAD_JOIN = Prisma.sql`
  participation a
  JOIN rule r ON r.actor1_role = a.role::text
  JOIN participation b ON b.event_id = a.event_id AND b.role::text = r.actor2_role
                      AND b.participant_id <> a.participant_id
  JOIN participant pa ON pa.id = a.participant_id AND ${liveFragment('Participant', 'pa')}
  JOIN participant pb ON pb.id = b.participant_id AND ${liveFragment('Participant', 'pb')}`;

/** The dyads of each of these events, in rule order. */
export async function dyadsOfEvents(
  prisma: PrismaClient,
  eventIds: readonly string[],
): Promise<(DyadRow & { eventId: string })[]> {
  if (eventIds.length === 0) return [];
  return prisma.$queryRaw<(DyadRow & { eventId: string })[]>`
    WITH ${dyadRulesSql()}
    SELECT a.event_id::text AS "eventId", a.participant_id::text AS "actor1Id", a.role::text AS "actor1Role",
           b.participant_id::text AS "actor2Id", b.role::text AS "actor2Role", r.mutual
    FROM ${DYAD_JOIN}
    WHERE a.event_id IN (${Prisma.join(eventIds.map((id) => Prisma.sql`${id}::uuid`))})
    ORDER BY r.priority, pa.name, pb.name, a.participant_id, b.participant_id`;
}

/**
 * `d`: the dyads between the two sides; `ev`: the events (passing the filter) with at least one, with
 * their start, Goldstein weight (of their CAMEO code; null when uncoded) and number of such dyads.
 */
function dyadEventCtes(q: DyadQuery): Prisma.Sql {
  const forward = Prisma.sql`(a.participant_id IN (${sideIds(q.from)}) AND b.participant_id IN (${sideIds(q.to)}))`;
  const backward = Prisma.sql`(a.participant_id IN (${sideIds(q.to)}) AND b.participant_id IN (${sideIds(q.from)}))`;
  return Prisma.sql`
    ${dyadRulesSql()},
    d AS (
      SELECT a.event_id, a.participant_id AS actor1_id, a.role::text AS actor1_role,
             b.participant_id AS actor2_id, b.role::text AS actor2_role, r.mutual, r.priority,
             pa.name AS actor1_name, pb.name AS actor2_name
      FROM ${DYAD_JOIN}
      WHERE ${q.directed ? forward : Prisma.sql`(${forward} OR ${backward})`}
    ),
    ev AS (
      SELECT e.id, e.start_date, e.start_precision, cc.goldstein, count(*)::int AS dyads
      FROM d
      JOIN event e ON e.id = d.event_id
      LEFT JOIN cameo_code cc ON cc.code = e.cameo_code
      WHERE ${eventFilterSql(q.filter)}
      GROUP BY e.id, e.start_date, e.start_precision, cc.goldstein
    )`;
}

export interface DyadSummaryRow {
  events: number;
  dyads: number;
  goldsteinTotal: number | null;
  goldsteinMean: number | null;
}

export async function dyadSummary(prisma: PrismaClient, q: DyadQuery): Promise<DyadSummaryRow> {
  const [row] = await prisma.$queryRaw<DyadSummaryRow[]>`
    WITH ${dyadEventCtes(q)}
    SELECT count(*)::int AS events, coalesce(sum(dyads), 0)::int AS dyads,
           sum(goldstein)::float8 AS "goldsteinTotal", avg(goldstein)::float8 AS "goldsteinMean"
    FROM ev`;
  return row!;
}

export interface DyadPeriodRow {
  period: string;
  events: number;
  dyads: number;
  imprecise: number;
  goldsteinTotal: number | null;
  goldsteinMean: number | null;
  cooperative: number;
  conflictual: number;
}

/**
 * Events between the sides per year ("2021") or month ("2021-09") of their start date, oldest first. An
 * undated event (ON_OR_BEFORE) is in no period.
 */
export async function dyadCountsByPeriod(
  prisma: PrismaClient,
  q: DyadQuery,
  unit: 'year' | 'month',
): Promise<DyadPeriodRow[]> {
  const format = unit === 'year' ? 'YYYY' : 'YYYY-MM';
  // A date of YEAR precision is only "somewhere in that year": within a month bucket it is approximate.
  const coarser = unit === 'year' ? Prisma.sql`false` : Prisma.sql`start_precision = 'YEAR'`;
  return prisma.$queryRaw<DyadPeriodRow[]>`
    WITH ${dyadEventCtes(q)}
    SELECT to_char(start_date, ${format}::text) AS period,
           count(*)::int AS events,
           sum(dyads)::int AS dyads,
           count(*) FILTER (WHERE ${coarser})::int AS imprecise,
           sum(goldstein)::float8 AS "goldsteinTotal",
           avg(goldstein)::float8 AS "goldsteinMean",
           count(*) FILTER (WHERE goldstein > 0)::int AS cooperative,
           count(*) FILTER (WHERE goldstein < 0)::int AS conflictual
    FROM ev
    WHERE start_precision <> 'ON_OR_BEFORE'
    GROUP BY 1
    ORDER BY 1`;
}

export interface DyadEventRow {
  id: string;
  /** YYYY-MM-DD, for the cursor. */
  startDate: string;
  startPrecision: DatePrecision;
  goldstein: number | null;
  dyads: DyadRow[];
}

/** A page of the events between the sides, newest first, after the keyset `after` (start date, id). */
export async function dyadEventPage(
  prisma: PrismaClient,
  q: DyadQuery,
  after: { startDate: string; id: string } | null,
  limit: number,
): Promise<DyadEventRow[]> {
  const keyset = after
    ? Prisma.sql`WHERE (ev.start_date, ev.id) < (${after.startDate}::date, ${after.id}::uuid)`
    : Prisma.empty;
  return prisma.$queryRaw<DyadEventRow[]>`
    WITH ${dyadEventCtes(q)},
    page AS (SELECT * FROM ev ${keyset} ORDER BY ev.start_date DESC, ev.id DESC LIMIT ${limit}::int)
    SELECT page.id::text AS id, to_char(page.start_date, 'YYYY-MM-DD') AS "startDate",
           page.start_precision::text AS "startPrecision", page.goldstein::float8 AS goldstein,
           (SELECT json_agg(json_build_object('actor1Id', d.actor1_id, 'actor1Role', d.actor1_role,
                                              'actor2Id', d.actor2_id, 'actor2Role', d.actor2_role,
                                              'mutual', d.mutual)
                            ORDER BY d.priority, d.actor1_name, d.actor2_name, d.actor1_id, d.actor2_id)
            FROM d WHERE d.event_id = page.id) AS dyads
    FROM page
    ORDER BY page.start_date DESC, page.id DESC`;
}
