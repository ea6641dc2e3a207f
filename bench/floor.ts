// The floor: for the timeline (a), the person page (b) and agreements by subject (c), one hand-written SQL
// statement that returns the same JSON as the GraphQL answer's `data` (json_build_object, json_agg and
// correlated subqueries). It is what the database alone needs for the page, with no server around it, so
// server ÷ floor in requests/s says how much the API layer (Node, Apollo, Pothos, Prisma, the extra round
// trips) costs. The bench asserts, on one sample of each, that the floor's JSON equals the server's data
// (samples.ts: assertFloorMatches), so the floor cannot win by doing less.
//
// Each statement repeats the server's semantics exactly: the same filters (deleted rows hidden where the
// resolvers hide them), the same orders (enum order for roles, ties by id), the same date labels.
import { TIMELINE_PAGE_SIZE } from './operations.js';

/** FuzzyDate.label, as src/core/graphql/fuzzy-date.ts formats it: "23 November 2021", "April 2021", "2021". */
const label = (date: string, precision: string) => `CASE ${precision}
      WHEN 'YEAR' THEN to_char(${date}, 'FMYYYY')
      WHEN 'MONTH' THEN to_char(${date}, 'FMMonth FMYYYY')
      ELSE to_char(${date}, 'FMDD FMMonth FMYYYY') END`;

/** A nullable FuzzyDate { date, precision }. */
const fuzzy = (date: string, precision: string) =>
  `CASE WHEN ${date} IS NULL THEN NULL ELSE json_build_object('date', ${date}, 'precision', ${precision}) END`;

/** Event.participations { role participant { slug name } }: by role (enum order), then id. */
const participations = (eventId: string) => `(
      SELECT coalesce(json_agg(json_build_object(
               'role', pa.role, 'participant', json_build_object('slug', p.slug, 'name', p.name))
             ORDER BY pa.role, pa.id), '[]')
      FROM participation pa JOIN participant p ON p.id = pa.participant_id
      WHERE pa.event_id = ${eventId})`;

/** A Relay cursor as @pothos/plugin-prisma makes it for `cursor: 'id'`: base64("GPC:S:<id>"). */
const cursor = (id: string) => `encode(convert_to('GPC:S:' || ${id}::text, 'UTF8'), 'base64')`;

/** (a) $1: none. The newest TIMELINE_PAGE_SIZE events, one more fetched for hasNextPage. */
export const TIMELINE_SQL = `
WITH page AS (
  SELECT e.*, row_number() OVER (ORDER BY e.start_date DESC, e.id DESC) AS n
  FROM event e
  WHERE e.deleted_at IS NULL
  ORDER BY e.start_date DESC, e.id DESC
  LIMIT ${TIMELINE_PAGE_SIZE + 1}
)
SELECT json_build_object('events', json_build_object(
  'edges', coalesce(json_agg(json_build_object('node', json_build_object(
      'slug', e.slug,
      'title', e.title,
      'kind', e.kind,
      'start', json_build_object('date', e.start_date, 'precision', e.start_precision,
                                 'label', ${label('e.start_date', 'e.start_precision')}),
      'placeName', e.place_name,
      'participations', ${participations('e.id')},
      'citations', (
        SELECT coalesce(json_agg(json_build_object(
                 'quote', c.quote, 'source', json_build_object('slug', s.slug, 'title', s.title))
               ORDER BY c.id), '[]')
        FROM citation c JOIN source s ON s.id = c.source_id
        WHERE c.event_id = e.id)
    )) ORDER BY e.n) FILTER (WHERE e.n <= ${TIMELINE_PAGE_SIZE}), '[]'),
  'pageInfo', json_build_object(
    'hasNextPage', count(*) > ${TIMELINE_PAGE_SIZE},
    'endCursor', max(${cursor('e.id')}) FILTER (WHERE e.n = LEAST(${TIMELINE_PAGE_SIZE}, (SELECT count(*) FROM page))))
)) AS data
FROM page e`;

/** (b) $1: the person's slug. Their offices, and their 20 most recent events with everyone there. */
export const PERSON_PAGE_SQL = `
SELECT json_build_object('participant', json_build_object(
  'slug', p.slug,
  'name', p.name,
  'kind', p.kind,
  'country', (SELECT json_build_object('name', c.name, 'isoCode', c.iso_code) FROM participant c
              WHERE c.id = p.country_id),
  'positions', (
    SELECT coalesce(json_agg(json_build_object(
             'title', po.title,
             'start', ${fuzzy('po.start_date', 'po.start_precision')},
             'end', ${fuzzy('po.end_date', 'po.end_precision')},
             'organisation', (SELECT json_build_object('name', o.name) FROM participant o
                              WHERE o.id = po.organisation_id))
           ORDER BY po.start_date DESC NULLS LAST, po.id), '[]')
    FROM position po
    WHERE po.holder_id = p.id AND po.deleted_at IS NULL),
  'participations', json_build_object('edges', (
    SELECT coalesce(json_agg(json_build_object('node', json_build_object(
             'role', x.role,
             'event', json_build_object(
               'slug', x.slug,
               'title', x.title,
               'start', json_build_object('date', x.start_date, 'precision', x.start_precision,
                                          'label', ${label('x.start_date', 'x.start_precision')}),
               'participations', ${participations('x.event_id')})))
           ORDER BY x.start_date DESC, x.id DESC), '[]')
    FROM (
      SELECT pa.id, pa.role, pa.event_id, e.slug, e.title, e.start_date, e.start_precision
      FROM participation pa JOIN event e ON e.id = pa.event_id AND e.deleted_at IS NULL
      WHERE pa.participant_id = p.id
      ORDER BY e.start_date DESC, pa.id DESC
      LIMIT 20) x))
)) AS data
FROM participant p
WHERE p.slug = $1 AND p.deleted_at IS NULL`;

/**
 * (c) $1: the subjects. The 20 most recently signed agreements about any of them. The parameter is cast
 * straight to the enum array: through `::text[]::"AgreementSubject"[]` PostgreSQL cannot fold the cast,
 * estimates a few dozen matches instead of about a quarter of the table, and sorts a sequential scan
 * instead of walking agreement_listing_idx until it has 20 (5× slower at 100k).
 */
export const AGREEMENTS_SQL = `
SELECT json_build_object('agreements', json_build_object('edges', coalesce(json_agg(json_build_object(
  'node', json_build_object(
    'slug', a.slug,
    'title', a.title,
    'kind', a.kind,
    'status', a.status,
    'subjects', a.subjects,
    'signed', ${fuzzy('a.signed_date', 'a.signed_precision')},
    'parties', (
      SELECT coalesce(json_agg(json_build_object('participant', json_build_object('slug', p.slug, 'name', p.name))
             ORDER BY ap.id), '[]')
      FROM agreement_party ap JOIN participant p ON p.id = ap.participant_id
      WHERE ap.agreement_id = a.id),
    'signingEvent', (
      SELECT json_build_object('slug', e.slug, 'title', e.title,
                               'start', json_build_object('date', e.start_date, 'precision', e.start_precision))
      FROM event e WHERE e.id = a.signing_event_id)))
  ORDER BY a.signed_date DESC NULLS LAST, a.id DESC), '[]'))) AS data
FROM (
  SELECT * FROM agreement
  WHERE deleted_at IS NULL AND subjects && $1::"AgreementSubject"[]
  ORDER BY signed_date DESC NULLS LAST, id DESC
  LIMIT 20) a`;

export interface FloorQuery {
  key: string;
  sql: string;
  /**
   * The indexes a hand-tuned plan of this statement uses: for each table, one of the alternatives must
   * appear in the plan (plan.ts checks it with EXPLAIN before the load), unless the table is so small that
   * a sequential scan is the better plan.
   */
  indexes: { table: string; anyOf: string[] }[];
  /** The statement's parameters for the same variables the GraphQL operation was given. */
  params(variables: Record<string, unknown>): unknown[];
}

export const FLOORS: FloorQuery[] = [
  {
    key: 'a',
    sql: TIMELINE_SQL,
    params: () => [],
    // The page straight from an index in its order, then each event's rows by event id.
    indexes: [
      { table: 'event', anyOf: ['event_start_date_id_idx', 'event_bilateral_idx'] },
      { table: 'participation', anyOf: ['participation_event_id_participant_id_role_key'] },
      { table: 'citation', anyOf: ['citation_event_id_idx'] },
    ],
  },
  {
    key: 'b',
    sql: PERSON_PAGE_SQL,
    params: (v) => [v.slug],
    indexes: [
      { table: 'participant', anyOf: ['participant_slug_key'] },
      { table: 'position', anyOf: ['position_holder_id_title_organisation_id_key'] },
      { table: 'participation', anyOf: ['participation_participant_id_event_id_idx'] },
      { table: 'participation', anyOf: ['participation_event_id_participant_id_role_key'] },
    ],
  },
  {
    key: 'c',
    sql: AGREEMENTS_SQL,
    params: (v) => [v.subjects],
    indexes: [
      { table: 'agreement', anyOf: ['agreement_listing_idx'] },
      { table: 'agreement_party', anyOf: ['agreement_party_agreement_id_participant_id_key'] },
    ],
  },
];
