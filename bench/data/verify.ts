// The integrity check after a bulk load. The load runs with session_replication_role = replica, which
// switches off every trigger for its sessions: the deferred "requires citation" constraint triggers, the
// event_latest_date trigger, and the foreign-key triggers too. CHECK, NOT NULL and UNIQUE constraints still
// hold. So this one statement re-checks, over the whole database, what the triggers would have: every
// claim has a citation, latest_date is what event_set_latest_date computes (through the database's own
// period_last_day), and no foreign key dangles. Every count must be 0.
import type postgres from 'postgres';

const orphans = (table: string, column: string, parent: string) =>
  `(SELECT count(*) FROM "${table}" t WHERE t."${column}" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "${parent}" p WHERE p.id = t."${column}"))`;

const uncited = (table: string, column: string) =>
  `(SELECT count(*) FROM "${table}" t WHERE NOT EXISTS (SELECT 1 FROM citation c WHERE c."${column}" = t.id))`;

const CHECKS: Record<string, string> = {
  event_without_citation: uncited('event', 'event_id'),
  participation_without_citation: uncited('participation', 'participation_id'),
  agreement_without_citation: uncited('agreement', 'agreement_id'),
  agreement_party_without_citation: uncited('agreement_party', 'agreement_party_id'),
  remark_without_citation: uncited('remark', 'remark_id'),
  position_without_citation: uncited('position', 'position_id'),
  event_latest_date_wrong: `(SELECT count(*) FROM event WHERE latest_date IS DISTINCT FROM
      CASE WHEN end_date IS NOT NULL THEN period_last_day(end_date, end_precision)
           ELSE period_last_day(start_date, start_precision) END)`,
  participant_country: orphans('participant', 'country_id', 'participant'),
  position_holder: orphans('position', 'holder_id', 'participant'),
  position_organisation: orphans('position', 'organisation_id', 'participant'),
  source_embedded_in: orphans('source', 'embedded_in_id', 'source'),
  event_place_country: orphans('event', 'place_country_id', 'participant'),
  participation_event: orphans('participation', 'event_id', 'event'),
  participation_participant: orphans('participation', 'participant_id', 'participant'),
  agreement_signing_event: orphans('agreement', 'signing_event_id', 'event'),
  agreement_party_agreement: orphans('agreement_party', 'agreement_id', 'agreement'),
  agreement_party_participant: orphans('agreement_party', 'participant_id', 'participant'),
  remark_speaker: orphans('remark', 'speaker_id', 'participant'),
  remark_position: orphans('remark', 'speaker_position_id', 'position'),
  remark_addressee: orphans('remark', 'addressee_id', 'participant'),
  remark_event: orphans('remark', 'event_id', 'event'),
  citation_source: orphans('citation', 'source_id', 'source'),
  citation_event: orphans('citation', 'event_id', 'event'),
  citation_participation: orphans('citation', 'participation_id', 'participation'),
  citation_agreement: orphans('citation', 'agreement_id', 'agreement'),
  citation_agreement_party: orphans('citation', 'agreement_party_id', 'agreement_party'),
  citation_remark: orphans('citation', 'remark_id', 'remark'),
  citation_position: orphans('citation', 'position_id', 'position'),
};

export const INTEGRITY_SQL = `SELECT ${Object.entries(CHECKS)
  .map(([name, sql]) => `${sql}::int AS ${name}`)
  .join(',\n  ')}`;

/** The names of the checks that failed, with their counts; empty when the data is sound. */
export async function checkIntegrity(sql: postgres.Sql): Promise<Record<string, number>> {
  const [row] = await sql.unsafe<Record<string, number>[]>(INTEGRITY_SQL);
  return Object.fromEntries(Object.entries(row ?? {}).filter(([, count]) => count !== 0));
}
