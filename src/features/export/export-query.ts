// The export's rows: one per citation of each event that passes the filter (an event reported by three
// sources is three rows, alike but for the citation columns), oldest event first. GDELT-like columns —
// the event's first dyad as actor 1 and actor 2, its CAMEO code at three levels with QuadClass and
// Goldstein weight, PLOVER, place — then every participant (to re-import the event) and the citation.
import { liveFragment } from '../../core/db/models.js';
import { Prisma } from '../../generated/prisma/client.js';
import { ACTOR_ROLE_ORDER, dyadRulesSql } from '../../modules/dyad/dyad-rules.js';
import { eventFilterSql, type EventFilterInput } from '../../modules/event/event.filters.js';

/** The columns, in order, with what each holds (the README's table is made from this). */
export const EXPORT_COLUMNS = [
  ['event_id', 'The event’s slug: stable, unique, the same in every export.'],
  [
    'date',
    'Start date, YYYY-MM-DD (the first day of the period for MONTH or YEAR precision; the latest day it can be for ON_OR_BEFORE).',
  ],
  [
    'date_precision',
    'DAY, MONTH or YEAR: how precisely the date is known; ON_OR_BEFORE: not known, no later than `date`.',
  ],
  ['end_date', 'End date for events spanning several days, else empty.'],
  ['end_precision', 'Precision of end_date.'],
  ['kind', 'MEETING, VISIT, SIGNING, SPEECH, …'],
  ['title', 'Short title.'],
  ['summary', 'What happened, in a sentence or two.'],
  [
    'actor1_id',
    'Actor 1 (the source) of the event’s first dyad: participant slug. A lone participant when there is no dyad.',
  ],
  ['actor1_name', 'Actor 1’s name.'],
  ['actor1_kind', 'PERSON, ORGANISATION, COUNTRY or MILITARY_UNIT.'],
  ['actor1_country', 'ISO 3166-1 alpha-2 code of actor 1’s country (its own for a country).'],
  ['actor1_role', 'Actor 1’s role (VISITOR, SIGNATORY, SPEAKER…).'],
  ['actor2_id', 'Actor 2 (the recipient) of the first dyad: participant slug; empty without a dyad.'],
  ['actor2_name', 'Actor 2’s name.'],
  ['actor2_kind', 'Actor 2’s kind.'],
  ['actor2_country', 'ISO code of actor 2’s country.'],
  ['actor2_role', 'Actor 2’s role (HOST, SIGNATORY, SUBJECT…).'],
  ['event_code', 'CAMEO 1.1b3 event code (GDELT EventCode).'],
  ['event_base_code', 'Its three-digit base code (GDELT EventBaseCode).'],
  ['event_root_code', 'Its two-digit root code (GDELT EventRootCode).'],
  ['event_code_name', 'The CAMEO code’s name.'],
  [
    'quad_class',
    'GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.',
  ],
  ['goldstein', 'Goldstein weight of the CAMEO code, −10 … +10 (GDELT GoldsteinScale).'],
  ['plover_category', 'PLOVER category (AGREE, CONSULT, …).'],
  ['plover_mode', 'PLOVER mode (e.g. visit).'],
  ['plover_contexts', 'PLOVER contexts; CSV: separated by ";", JSONL: an array.'],
  ['location', 'Place name (city, venue).'],
  ['location_country', 'ISO code of the country it took place in.'],
  [
    'participants',
    'Every participant as JSON: [{"id","name","kind","country","role"}] (CSV: a JSON string; JSONL: an array).',
  ],
  [
    'citation_index',
    '1, 2, … : which of the event’s citations this row carries (filter on 1 for one row per event).',
  ],
  ['quote', 'The verbatim quote from the source that supports the event.'],
  ['claim_field', 'When the citation pins one attribute (startDate…), its name.'],
  ['claim_value', '…and the value this source gives it.'],
  [
    'claim_basis',
    'For a citation that pins an attribute: how the log knows the value it gives — STATED, INFERRED or OUTSIDE_KNOWLEDGE.',
  ],
  [
    'value_bases',
    'Every value of the event (and of its participations) that is not stated by a quote, as JSON text: [{"field","basis","note","reference","participant","role"}] (participant and role: the participation’s, null for the event’s own values). The import reads it back.',
  ],
  ['source_id', 'The source’s slug.'],
  ['source_kind', 'NEWS_ARTICLE, SOCIAL_POST, OFFICIAL_STATEMENT, …'],
  ['source_title', 'The source’s title.'],
  ['source_url', 'The source’s URL, when known (GDELT SOURCEURL).'],
  ['source_publisher', 'Publisher or account.'],
  ['source_published', 'Publication date, YYYY-MM-DD.'],
  ['source_published_precision', 'Precision of source_published.'],
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number][0];
export const COLUMN_NAMES: readonly ExportColumn[] = EXPORT_COLUMNS.map(([name]) => name);

/** A row as the SQL returns it: text (or null) in every column but the three numeric ones. */
export type ExportSqlRow = { [K in Exclude<ExportColumn, 'citation_index'>]: string | number | null } & {
  /** The event's uuid and start date, for keyset paging; not exported. */
  k_id: string;
  k_date: string;
};

/** Where a keyset page starts: after this event (start date, id). */
export interface ExportKeyset {
  date: string;
  id: string;
}

/**
 * The export statement. With `page`, the events are the next `page.limit` after `page.after` (keyset
 * paging on the embedded database); without, all of them (a server-side cursor streams the rows).
 */
export function exportSql(
  filter: EventFilterInput | null,
  page?: { after: ExportKeyset | null; limit: number },
): Prisma.Sql {
  const keyset = page?.after
    ? Prisma.sql`AND (e.start_date, e.id) > (${page.after.date}::date, ${page.after.id}::uuid)`
    : Prisma.empty;
  const limit = page ? Prisma.sql`ORDER BY e.start_date, e.id LIMIT ${page.limit}::int` : Prisma.empty;
  const roleOrder = Prisma.join(ACTOR_ROLE_ORDER.map((r) => Prisma.sql`${r}::text`));
  return Prisma.sql`
    WITH ${dyadRulesSql()}
    SELECT e.id::text AS k_id, to_char(e.start_date, 'YYYY-MM-DD') AS k_date,
      e.slug AS event_id,
      to_char(e.start_date, 'YYYY-MM-DD') AS date, e.start_precision::text AS date_precision,
      to_char(e.end_date, 'YYYY-MM-DD') AS end_date, e.end_precision::text AS end_precision,
      e.kind::text AS kind, e.title, e.summary,
      coalesce(dy.a1_id, solo.a1_id) AS actor1_id, coalesce(dy.a1_name, solo.a1_name) AS actor1_name,
      coalesce(dy.a1_kind, solo.a1_kind) AS actor1_kind, coalesce(dy.a1_country, solo.a1_country) AS actor1_country,
      coalesce(dy.a1_role, solo.a1_role) AS actor1_role,
      dy.a2_id AS actor2_id, dy.a2_name AS actor2_name, dy.a2_kind AS actor2_kind,
      dy.a2_country AS actor2_country, dy.a2_role AS actor2_role,
      e.cameo_code::text AS event_code,
      CASE WHEN length(e.cameo_code) >= 3 THEN left(e.cameo_code, 3) END AS event_base_code,
      cc.root_code::text AS event_root_code, cc.name AS event_code_name,
      cc.quad_class AS quad_class, cc.goldstein::float8 AS goldstein,
      e.plover_category::text AS plover_category, e.plover_mode,
      array_to_json(coalesce(e.plover_contexts, '{}'::text[]))::text AS plover_contexts,
      e.place_name AS location, pc.iso_code::text AS location_country,
      parts.participants,
      c.quote, c.claim_field, c.claim_value,
      CASE WHEN c.claim_field IS NOT NULL THEN coalesce(
        (SELECT cb.basis::text FROM value_basis cb WHERE cb.event_id = e.id AND cb.field = c.claim_field
           AND cb.value = c.claim_value),
        (SELECT cb.basis::text FROM value_basis cb WHERE cb.event_id = e.id AND cb.field = c.claim_field
           AND cb.value IS NULL AND c.claim_value = CASE c.claim_field
             WHEN 'startDate' THEN to_char(e.start_date, 'YYYY-MM-DD') WHEN 'endDate' THEN to_char(e.end_date, 'YYYY-MM-DD')
             WHEN 'placeName' THEN e.place_name WHEN 'placeCountry' THEN pc.slug WHEN 'kind' THEN e.kind::text END),
        'STATED') END AS claim_basis,
      vbs.value_bases,
      s.slug AS source_id, s.kind::text AS source_kind, s.title AS source_title, s.url AS source_url,
      s.publisher AS source_publisher, to_char(s.published_date, 'YYYY-MM-DD') AS source_published,
      s.published_precision::text AS source_published_precision
    FROM (SELECT e.* FROM event e WHERE ${eventFilterSql(filter)} ${keyset} ${limit}) e
    LEFT JOIN cameo_code cc ON cc.code = e.cameo_code
    LEFT JOIN participant pc ON pc.id = e.place_country_id
    CROSS JOIN LATERAL (
      SELECT coalesce(json_agg(json_build_object('id', p.slug, 'name', p.name, 'kind', p.kind,
                                                 'country', coalesce(p.iso_code, pcn.iso_code), 'role', pa.role)
                               ORDER BY pa.role, p.slug), '[]'::json)::text AS participants
      FROM participation pa
      JOIN participant p ON p.id = pa.participant_id
      LEFT JOIN participant pcn ON pcn.id = p.country_id
      WHERE pa.event_id = e.id
    ) parts
    CROSS JOIN LATERAL (
      SELECT coalesce(json_agg(json_build_object('field', vb.field, 'basis', vb.basis, 'note', vb.note,
                                                 'reference', vb.reference, 'participant', vp.slug, 'role', vpa.role)
                               ORDER BY vp.slug NULLS FIRST, vb.field), '[]'::json)::text AS value_bases
      FROM value_basis vb
      LEFT JOIN participation vpa ON vpa.id = vb.participation_id
      LEFT JOIN participant vp ON vp.id = vpa.participant_id
      WHERE (vb.event_id = e.id OR vpa.event_id = e.id) AND vb.value IS NULL AND vb.basis <> 'STATED'
    ) vbs
    LEFT JOIN LATERAL (
      SELECT pa.slug AS a1_id, pa.name AS a1_name, pa.kind::text AS a1_kind,
             coalesce(pa.iso_code, pac.iso_code)::text AS a1_country, a.role::text AS a1_role,
             pb.slug AS a2_id, pb.name AS a2_name, pb.kind::text AS a2_kind,
             coalesce(pb.iso_code, pbc.iso_code)::text AS a2_country, b.role::text AS a2_role
      FROM participation a
      JOIN rule r ON r.actor1_role = a.role::text
      JOIN participation b ON b.event_id = a.event_id AND b.role::text = r.actor2_role
                          AND b.participant_id <> a.participant_id
      JOIN participant pa ON pa.id = a.participant_id AND ${liveFragment('Participant', 'pa')}
      JOIN participant pb ON pb.id = b.participant_id AND ${liveFragment('Participant', 'pb')}
      LEFT JOIN participant pac ON pac.id = pa.country_id
      LEFT JOIN participant pbc ON pbc.id = pb.country_id
      WHERE a.event_id = e.id
      ORDER BY r.priority, pa.name, pb.name, pa.slug, pb.slug
      LIMIT 1
    ) dy ON true
    LEFT JOIN LATERAL (
      SELECT p.slug AS a1_id, p.name AS a1_name, p.kind::text AS a1_kind,
             coalesce(p.iso_code, pcn.iso_code)::text AS a1_country, pa.role::text AS a1_role
      FROM participation pa
      JOIN participant p ON p.id = pa.participant_id AND ${liveFragment('Participant', 'p')}
      LEFT JOIN participant pcn ON pcn.id = p.country_id
      WHERE pa.event_id = e.id AND dy.a1_id IS NULL
      ORDER BY array_position(ARRAY[${roleOrder}], pa.role::text), p.name, p.slug
      LIMIT 1
    ) solo ON true
    JOIN citation c ON c.event_id = e.id
    JOIN source s ON s.id = c.source_id
    ORDER BY e.start_date, e.id, c.id`;
}
