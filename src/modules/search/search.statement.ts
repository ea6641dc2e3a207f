// The SQL of one page of search hits (see search.data.ts for what a page is and what it costs).
//
// The statement's text depends only on which kinds are searched and whether a cursor is given; every
// value (the query, the limits, the window, the cursor) is a bound parameter. So there are at most
// 2 × 7 texts, each prepared once per pooled connection under its name (db/direct-reads.ts) and run with
// a plan PostgreSQL keeps: planning this statement costs more than running it for most queries.
//
// The tsquery is parsed once per execution (the CTE `q`, read as a scalar subquery everywhere), not
// once per row: in a plan kept for any parameters it is not a constant.
import { liveSql, ofLiveClaimSql } from '../../core/db/models.js';
import { StatementNames } from '../../core/db/direct-reads.js';
import type { SearchHitKind } from './search.data.js';

/** Pages of each table (at most) whose rows estimate how many matches the query has. */
const ESTIMATE_PAGES = 32;
/** Pages of each table (at most) whose rows a common query's candidates are taken from. */
const SAMPLE_PAGES = 512;

/** The statement's bound parameters, in order ($1…). */
export interface PageParameters {
  query: string;
  /** Candidates of each kind, at most. */
  limit: number;
  /** Up to this many estimated matches of a kind, the index finds its candidates. */
  indexMatches: number;
  /** The best hits after the cursor that are checked for a live claim. */
  window: number;
  /** The page's size and one more (to know whether a next page exists). */
  pageRows: number;
  /** The total reported when the hits are not counted: one more than the count limit. */
  uncounted: number;
  after?: { rank: number; kind: SearchHitKind; id: string } | null;
}

export function pageArguments(p: PageParameters): unknown[] {
  const head = [p.query, p.limit, p.indexMatches, p.window, p.pageRows, p.uncounted];
  return p.after ? [...head, p.after.rank, p.after.kind, p.after.id] : head;
}

const TABLES: Record<SearchHitKind, { table: string; live?: string }> = {
  EVENT: { table: 'event', live: liveSql('Event', 'm') },
  REMARK: { table: 'remark', live: liveSql('Remark', 'm') },
  // A citation's claim is checked later, for the few hits that need it (`checked` below).
  CITATION: { table: 'citation' },
};

const Q = '(SELECT q.q FROM q)';

// ts_headline marks matches with these private-use characters, which the text cannot contain (they are
// removed from it first); search.data.ts then HTML-escapes the text and turns them into <mark>…</mark>.
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15`;

/**
 * The candidates of one kind, as CTEs named `<k>_n`, `<k>_idx` and `<k>_smp`: the table's size in pages
 * and the matches counted in a sample of ESTIMATE_PAGES of them (`est`, the estimated matches of the whole
 * table); the candidates the index finds when `est` is small; else those of a larger sample. A sample is
 * TABLESAMPLE SYSTEM with a fixed seed: the same pages on every request, and a larger sample holds the
 * pages of a smaller one. The branch not taken is never run (a one-time filter).
 */
function candidateCtes(kind: SearchHitKind): string {
  const { table, live = 'true' } = TABLES[kind];
  const k = kind.toLowerCase();
  // Rows a sample tests call ts_match_vq, the `@@` test as a function, which no index can answer.
  const matches = `ts_match_vq(m.search_vector, ${Q})`;
  const pages = `greatest(1, pg_relation_size('${table}'::regclass) / current_setting('block_size')::int)`;
  const percent = (of: string) => `least(100, 100.0 * ${of} / ${pages})::float4`;
  return `
    ${k}_n AS (
      SELECT s.found, s.found * s.pages / least(s.pages, ${ESTIMATE_PAGES}) AS est
      FROM (SELECT ${pages}::float8 AS pages,
                   (SELECT count(*) FROM ${table} m TABLESAMPLE SYSTEM (${percent(`${ESTIMATE_PAGES}`)})
                    REPEATABLE (0) WHERE ${matches} AND ${live})::float8 AS found) s),
    ${k}_idx AS (
      SELECT m.id, m.search_vector FROM ${table} m
      WHERE (SELECT n.est <= $3::int FROM ${k}_n n) AND m.search_vector @@ ${Q} AND ${live}
      LIMIT $2::int),
    ${k}_smp AS (
      SELECT m.id, m.search_vector
      FROM ${table} m TABLESAMPLE SYSTEM (${percent(
        // Enough pages for the candidates at the estimated density, within SAMPLE_PAGES.
        `least(${SAMPLE_PAGES}, greatest(${ESTIMATE_PAGES},
            $2::int * ${ESTIMATE_PAGES * 1.5} / greatest(1, (SELECT n.found FROM ${k}_n n))))`,
      )}) REPEATABLE (0)
      WHERE (SELECT n.est > $3::int FROM ${k}_n n) AND ${matches} AND ${live}
      LIMIT $2::int)`;
}

/** Whether the kind's candidates are all its matches: found by the index, fewer than the limit. */
const completeSql = (kind: SearchHitKind) => {
  const k = kind.toLowerCase();
  return `(SELECT n.est <= $3::int AND (SELECT count(*) FROM ${k}_idx) < $2::int FROM ${k}_n n)`;
};

// A hit `h` that may be shown: events and remarks are filtered when found (deleted_at is on the row), a
// citation is checked here, by id, only when it is among the best (or counted). Going through the
// citation's primary key makes PostgreSQL plan the claim look-ups for one row at a time (index probes);
// applied to every candidate, the same rule made it hash the whole event, remark… tables first.
const LIVE_HIT_SQL = `(h.kind <> 'CITATION' OR EXISTS (
  SELECT 1 FROM citation c WHERE c.id = h.id AND ${ofLiveClaimSql('c')}))`;

const AFTER_KEY = `(h.rank < $7::float8
  OR (h.rank = $7::float8 AND (h.kind > $8::text OR (h.kind = $8::text AND h.id > $9::uuid))))`;

const ORDER = 'ORDER BY h.rank DESC, h.kind ASC, h.id ASC';

function pageSql(kinds: readonly SearchHitKind[], withCursor: boolean): string {
  const ranked = kinds
    .flatMap((kind) =>
      ['idx', 'smp'].map(
        (part) => `
        SELECT '${kind}'::text AS kind, m.id, ts_rank(m.search_vector, ${Q}, 1)::float8 AS rank
        FROM ${kind.toLowerCase()}_${part} m`,
      ),
    )
    .join(' UNION ALL ');
  // `hits` ranks every kind's candidates; `top` keeps the window of the best after the cursor. When
  // every kind's candidates are all its matches (`complete`), they are counted: then every hit is
  // checked for a live claim, else only the window's. `page` is the best checked hits after the cursor.
  // Only the page's rows are read again, for their text, and get a headline.
  return `
    WITH q AS (SELECT websearch_to_tsquery('english'::regconfig, $1::text) AS q),
    ${kinds.map(candidateCtes).join(',')},
    hits AS (${ranked}),
    complete AS (SELECT ${kinds.map(completeSql).join(' AND ')} AS yes),
    top AS (
      SELECT h.kind, h.id, h.rank FROM hits h
      WHERE ${withCursor ? AFTER_KEY : 'true'}
      ${ORDER}
      LIMIT $4::int
    ),
    checked AS (
      SELECT h.kind, h.id, h.rank FROM hits h
      WHERE ((SELECT c.yes FROM complete c) OR (h.kind, h.id) IN (SELECT t.kind, t.id FROM top t))
        AND ${LIVE_HIT_SQL}
    ),
    page AS (
      SELECT h.kind, h.id, h.rank FROM checked h
      WHERE ${withCursor ? AFTER_KEY : 'true'}
      ${ORDER}
      LIMIT $5::int
    ),
    counted AS (
      SELECT CASE WHEN (SELECT c.yes FROM complete c) THEN (SELECT count(*)::int FROM checked)
                  ELSE $6::int END AS total
    )
    SELECT n.total, (SELECT count(*)::int FROM top) AS window_rows, p.kind, p.id::text AS id, p.rank,
           ts_headline('english'::regconfig,
                       translate(CASE p.kind WHEN 'EVENT' THEN e."title" || ' ' || e."summary"
                                             WHEN 'REMARK' THEN r."content" ELSE c."quote" END,
                                 '${MARK_START + MARK_END}', ''),
                       ${Q}, '${HEADLINE_OPTIONS}') AS headline
    FROM counted n
    LEFT JOIN page p ON true
    LEFT JOIN event e ON p.kind = 'EVENT' AND e.id = p.id
    LEFT JOIN remark r ON p.kind = 'REMARK' AND r.id = p.id
    LEFT JOIN citation c ON p.kind = 'CITATION' AND c.id = p.id
    ORDER BY p.rank DESC, p.kind ASC, p.id ASC`;
}

/** Every text this module sends is named: 2 × 7 at most (see the top of the file). */
const names = new StatementNames(14);
const texts = new Map<string, { sql: string; name: string | undefined }>();

/** The statement for these kinds (in SEARCH_HIT_KINDS order) with or without a cursor, and its name. */
export function pageStatement(
  kinds: readonly SearchHitKind[],
  withCursor: boolean,
): { sql: string; name: string | undefined } {
  const key = `${kinds.join(',')}|${withCursor}`;
  let statement = texts.get(key);
  if (!statement) {
    const sql = pageSql(kinds, withCursor);
    statement = { sql, name: names.nameFor(sql) };
    texts.set(key, statement);
  }
  return statement;
}
