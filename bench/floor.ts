// The floor: for the timeline (a), the person page (b) and agreements by subject (c), one hand-written SQL
// statement that returns the same JSON as the GraphQL answer's `data`. It is what the database alone needs
// for the page, with no server around it, so server ÷ floor in requests/s says how much the API layer
// (Node, Apollo, Pothos, the extra round trips) costs. The bench asserts, on samples of each, that the
// floor's JSON equals the server's data (samples.ts: assertFloorMatches), so the floor cannot win by doing
// less; and it must stay the fastest honest statement for its answer (plan.ts checks its indexes).
//
// (a) and (b) build the JSON as text, as the server's compiled statements do: PostgreSQL's json
// functions look up each value's type on every call, and the server's own statements became cheaper than
// the json_build_object floors did. Each list is a correlated subquery on its foreign key, with its
// to-one rows joined; the page's LIMIT applies before any JSON is built; a value's text is escaped only
// where it can hold what JSON must escape (enum labels and date labels cannot). (c) builds json with
// json_build_object and json_agg, still the cheaper of the two for that page.
//
// Each statement repeats the server's semantics exactly: the same filters (deleted rows hidden where the
// resolvers hide them), the same orders (enum order for roles, ties by id), the same date labels.
import { TIMELINE_PAGE_SIZE } from './operations.js';

/** A JSON string of a non-null text column. */
const str = (expr: string) => `to_json(${expr})::text`;

/**
 * FuzzyDate.label as JSON, as src/core/graphql/fuzzy-date.ts formats it: "23 November 2021", "April 2021",
 * "2021", "on or before 24 November 2021" (letters, digits and spaces: nothing to escape).
 */
const label = (date: string, precision: string) => {
  const f = (pattern: string) => `to_char(${date}::timestamp, '${pattern}')`;
  return `'"' || CASE ${precision}
      WHEN 'YEAR' THEN ${f('FMYYYY')}
      WHEN 'MONTH' THEN ${f('FMMonth FMYYYY')}
      WHEN 'ON_OR_BEFORE' THEN 'on or before ' || ${f('FMDD FMMonth FMYYYY')}
      ELSE ${f('FMDD FMMonth FMYYYY')} END || '"'`;
};

/** A non-null FuzzyDate { date, precision [, label] } as JSON text. */
const start = (date: string, precision: string, withLabel: boolean) =>
  `'{"date":"' || to_char(${date}::timestamp, 'YYYY-MM-DD') || '","precision":"' || ${precision}::text || '"'` +
  (withLabel ? ` || ',"label":' || ${label(date, precision)}` : '') +
  ` || '}'`;

/** A nullable FuzzyDate { date, precision } as JSON text. */
const fuzzyText = (date: string, precision: string) =>
  `CASE WHEN ${date} IS NULL OR ${precision} IS NULL THEN 'null' ELSE ${start(date, precision, false)} END`;

/** Event.participations { role participant { slug name } } as JSON text: by role (enum order), then id. */
const participationsText = (eventId: string) => `(
      SELECT '[' || coalesce(string_agg('{"role":"' || pa.role::text || '","participant":{"slug":' || ${str('p.slug')}
               || ',"name":' || ${str('p.name')} || '}}', ',' ORDER BY pa.role, pa.id), '') || ']'
      FROM participation pa JOIN participant p ON p.id = pa.participant_id
      WHERE pa.event_id = ${eventId})`;

/** A nullable FuzzyDate { date, precision } as json. */
const fuzzy = (date: string, precision: string) =>
  `CASE WHEN ${date} IS NULL THEN NULL ELSE json_build_object('date', ${date}, 'precision', ${precision}) END`;

/** A Relay cursor as @pothos/plugin-prisma makes it for `cursor: 'id'`: base64("GPC:S:<id>"), as JSON. */
const cursor = (id: string) =>
  `'"' || replace(encode(convert_to('GPC:S:' || ${id}::text, 'UTF8'), 'base64'), E'\\n', '') || '"'`;

/** (a) $1: none. The newest TIMELINE_PAGE_SIZE events, one more fetched for hasNextPage. */
export const TIMELINE_SQL = `
SELECT '{"events":{"edges":[' || coalesce(string_agg('{"node":{"slug":' || ${str('e.slug')}
      || ',"title":' || ${str('e.title')}
      || ',"kind":"' || e.kind::text
      || '","start":' || ${start('e.start_date', 'e.start_precision', true)}
      || ',"placeName":' || coalesce(${str('e.place_name')}, 'null')
      || ',"participations":' || ${participationsText('e.id')}
      || ',"citations":' || (
        SELECT '[' || coalesce(string_agg('{"quote":' || ${str('c.quote')} || ',"source":{"slug":' || ${str('s.slug')}
                 || ',"title":' || ${str('s.title')} || '}}', ',' ORDER BY c.id), '') || ']'
        FROM citation c JOIN source s ON s.id = c.source_id
        WHERE c.event_id = e.id)
      || '}}', ',' ORDER BY e.n) FILTER (WHERE e.n <= ${TIMELINE_PAGE_SIZE}), '')
  || '],"pageInfo":{"hasNextPage":' || (count(*) > ${TIMELINE_PAGE_SIZE})::text
  || ',"endCursor":' || coalesce((array_agg(${cursor('e.id')} ORDER BY e.n DESC) FILTER (WHERE e.n <= ${TIMELINE_PAGE_SIZE}))[1], 'null')
  || '}}}' AS data
FROM (
  SELECT e.*, row_number() OVER (ORDER BY e.start_date DESC, e.id DESC) AS n
  FROM event e
  WHERE e.deleted_at IS NULL
  ORDER BY e.start_date DESC, e.id DESC
  LIMIT ${TIMELINE_PAGE_SIZE + 1}) e`;

/**
 * (b) $1: the person's slug. Their offices, and their 20 most recent events with everyone there. The 20
 * are chosen from the person's participations joined to their events' dates only (event_live_start_idx,
 * index-only), before the events' rows are read.
 */
export const PERSON_PAGE_SQL = `
SELECT '{"participant":{"slug":' || ${str('p.slug')}
  || ',"name":' || ${str('p.name')}
  || ',"kind":"' || p.kind::text
  || '","country":' || coalesce((SELECT '{"name":' || ${str('c.name')} || ',"isoCode":' || coalesce(${str('c.iso_code')}, 'null') || '}'
                                FROM participant c WHERE c.id = p.country_id), 'null')
  || ',"positions":' || (
    SELECT '[' || coalesce(string_agg('{"title":' || ${str('po.title')}
             || ',"start":' || ${fuzzyText('po.start_date', 'po.start_precision')}
             || ',"end":' || ${fuzzyText('po.end_date', 'po.end_precision')}
             || ',"organisation":' || CASE WHEN o.id IS NULL THEN 'null' ELSE '{"name":' || ${str('o.name')} || '}' END
             || '}', ',' ORDER BY po.start_date DESC NULLS LAST, po.id), '') || ']'
    FROM position po LEFT JOIN participant o ON o.id = po.organisation_id
    WHERE po.holder_id = p.id AND po.deleted_at IS NULL)
  || ',"participations":{"edges":' || (
    SELECT '[' || coalesce(string_agg('{"node":{"role":"' || x.role::text
             || '","event":{"slug":' || ${str('e.slug')}
             || ',"title":' || ${str('e.title')}
             || ',"start":' || ${start('e.start_date', 'e.start_precision', true)}
             || ',"participations":' || ${participationsText('e.id')}
             || '}}}', ',' ORDER BY x.start_date DESC, x.id DESC), '') || ']'
    FROM (
      SELECT pa.id, pa.role, pa.event_id, l.start_date
      FROM participation pa JOIN event l ON l.id = pa.event_id AND l.deleted_at IS NULL
      WHERE pa.participant_id = p.id
      ORDER BY l.start_date DESC, pa.id DESC
      LIMIT 20) x
    JOIN event e ON e.id = x.event_id)
  || '}}}' AS data
FROM participant p
WHERE p.slug = $1 AND p.deleted_at IS NULL`;

/**
 * (c) $1: the subjects. The 20 most recently signed agreements about any of them. The parameter is cast
 * straight to the enum array (through `::text[]::"AgreementSubject"[]` PostgreSQL cannot fold the cast),
 * and the overlap is written as its function, `arrayoverlap`: PostgreSQL estimates the operator `&&` from
 * the values, so the prepared statement was planned again on every execution (a plan for unknown values
 * would guess 1% of the rows and sort a scan), while a function call is estimated at a third of the rows
 * whatever the values, so one prepared plan walks agreement_listing_idx until it has 20, for every subject.
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
  WHERE deleted_at IS NULL AND arrayoverlap(subjects, $1::"AgreementSubject"[])
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
      { table: 'event', anyOf: ['event_live_start_idx'] },
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
