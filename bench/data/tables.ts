// The tables the synthetic dataset fills, and the columns each is loaded with (the others take their
// defaults: version, created_at, updated_at, deleted_at, and the columns later migrations add).

/** Splits a space-separated column list. */
const columns = (list: string) => list.split(' ');

export const COLUMNS = {
  participant: columns('id slug kind name aliases iso_code country_id description'),
  position: columns('id holder_id title organisation_id start_date start_precision end_date end_precision'),
  source: columns(
    'id slug kind title publisher authors url published_date published_precision full_text attributions embedded_in_id',
  ),
  event: columns(
    'id slug kind title summary start_date start_precision end_date end_precision latest_date place_name place_country_id cameo_code plover_category country_ids',
  ),
  participation: columns('id event_id participant_id role'),
  agreement: columns(
    'id slug title kind subjects status signed_date signed_precision signing_event_id summary',
  ),
  agreement_party: columns('id agreement_id participant_id'),
  remark: columns(
    'id slug speaker_id speaker_position_id content is_direct_quote said_date said_precision audience addressee_id event_id topics',
  ),
  citation: columns(
    'id source_id quote claim_field claim_value event_id participation_id agreement_id agreement_party_id remark_id position_id',
  ),
};

export type TableName = keyof typeof COLUMNS;
/** Parents before children, the order a reader of the dump would expect (COPY order does not matter). */
export const TABLES = Object.keys(COLUMNS) as TableName[];
