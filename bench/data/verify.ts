// The integrity check after a bulk load. The load runs with session_replication_role = replica, which
// switches off every trigger for its sessions: the deferred "requires citation" constraint triggers, the
// event_latest_date and event_country_ids triggers, and the foreign-key triggers too. CHECK, NOT NULL and
// UNIQUE constraints still hold. So one statement re-checks, over the whole database, what the triggers
// would have: every claim has a citation, latest_date is what event_set_latest_date computes (through the
// database's own period_last_day), country_ids is what the database's event_country_ids computes, the relationship summaries are what
// a recomputation gives (relationship_summaries_drift), and no
// foreign key dangles. The foreign keys are read from the catalog, so keys that
// later migrations add are checked too. Every count must be 0.
import type postgres from 'postgres';

const uncited = (table: string, column: string) =>
  `(SELECT count(*) FROM "${table}" t WHERE NOT EXISTS (SELECT 1 FROM citation c WHERE c."${column}" = t.id))`;

const CLAIM_CHECKS: Record<string, string> = {
  event_without_citation: uncited('event', 'event_id'),
  participation_without_citation: uncited('participation', 'participation_id'),
  agreement_without_citation: uncited('agreement', 'agreement_id'),
  agreement_party_without_citation: uncited('agreement_party', 'agreement_party_id'),
  remark_without_citation: uncited('remark', 'remark_id'),
  position_without_citation: uncited('position', 'position_id'),
  event_latest_date_wrong: `(SELECT count(*) FROM event WHERE latest_date IS DISTINCT FROM
      CASE WHEN end_date IS NOT NULL THEN period_last_day(end_date, end_precision)
           ELSE period_last_day(start_date, start_precision) END)`,
  // The generator writes country_ids itself (generate.ts countryIdsOf); the triggers would have.
  event_country_ids_wrong: `(SELECT count(*) FROM event WHERE country_ids IS DISTINCT FROM event_country_ids(id))`,
  // The loader rebuilds the relationship summaries after the COPY (load.ts); the triggers would have kept them.
  relationship_summaries_wrong: `(SELECT sum(wrong) FROM relationship_summaries_drift())`,
};

interface ForeignKey {
  name: string;
  table: string;
  columns: string[];
  referenced: string;
  referencedColumns: string[];
}

const FOREIGN_KEYS_SQL = `
SELECT c.conname AS name, t.relname AS table, r.relname AS referenced,
       array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
       array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS "referencedColumns"
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_class r ON r.oid = c.confrelid
WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
ORDER BY 1`;

/** Rows whose key is fully set (MATCH SIMPLE) but matches no referenced row. */
function orphans(fk: ForeignKey): string {
  const set = fk.columns.map((c) => `t."${c}" IS NOT NULL`).join(' AND ');
  const match = fk.columns.map((c, i) => `p."${fk.referencedColumns[i]}" = t."${c}"`).join(' AND ');
  return `(SELECT count(*) FROM "${fk.table}" t WHERE ${set}
     AND NOT EXISTS (SELECT 1 FROM "${fk.referenced}" p WHERE ${match}))`;
}

/** The one checking statement for the database's current schema. */
export async function integritySql(sql: postgres.Sql): Promise<string> {
  const keys = await sql.unsafe<ForeignKey[]>(FOREIGN_KEYS_SQL);
  const checks: [string, string][] = [
    ...Object.entries(CLAIM_CHECKS),
    ...keys.map((fk): [string, string] => [`fk_${fk.name}`, orphans(fk)]),
  ];
  return `SELECT ${checks.map(([name, check]) => `${check}::int AS "${name}"`).join(',\n  ')}`;
}

/** The names of the checks that failed, with their counts; empty when the data is sound. */
export async function checkIntegrity(sql: postgres.Sql): Promise<Record<string, number>> {
  const [row] = await sql.unsafe<Record<string, number>[]>(await integritySql(sql));
  return Object.fromEntries(Object.entries(row ?? {}).filter(([, count]) => count !== 0));
}
