// The SQL of one page of search hits (see search.data.ts for what a page is and what it costs).
//
// The statement's text is its shape: which kinds are searched, whether a cursor is given, and its limits
// (candidates per kind, the window, the page's size), which the code sets, never the caller. The query,
// the cursor and the thresholds are bound parameters. A frontend asks for a few shapes, each prepared
// once per pooled connection under its name (db/direct-reads.ts), and PostgreSQL then keeps one plan
// for it instead of planning every execution. The limits are written into the text because PostgreSQL
// estimates a `LIMIT $n` as a tenth of its input: the plan kept for any parameters would then look
// dearer than a plan for the values at hand, and be passed over for a new plan on every execution.
//
// The tsquery is parsed once per execution (the CTE `q`, read as a scalar subquery everywhere), not
// once per row: in a plan kept for any parameters it is not a constant.
import { liveSql, ofLiveClaimSql } from '../../core/db/models.js';
import { StatementNames } from '../../core/db/direct-reads.js';
import type { SearchHitKind } from './search.data.js';

/** Pages of each table (at most) whose rows estimate how many matches the query has. */
const ESTIMATE_PAGES = 32;
/**
 * Pages of each table (at most) whose rows a common query's candidates are taken from. This bounds the
 * worst case, a query just common enough to take the sample (a few matches per page): every row of
 * these pages is tested. Enough pages for the whole candidate limit when a few percent of the rows match;
 * a less common query ranks, and pages through, fewer (bench/README.md gives the trade-off at 1M).
 */
const SAMPLE_PAGES = 128;

/** What the statement's text is made of (see the top of the file): integers the code computes. */
export interface PageShape {
  /** In SEARCH_HIT_KINDS order. */
  kinds: readonly SearchHitKind[];
  /** Candidates of each kind, at most. */
  limit: number;
  /** The best hits after the cursor that are checked for a live claim. */
  window: number;
  /** The page's size and one more (to know whether a next page exists). */
  pageRows: number;
  withCursor: boolean;
}

/** The statement's bound parameters, in order ($1…). */
export interface PageParameters {
  query: string;
  /** Up to this many estimated matches of a kind, the index finds its candidates. */
  indexMatches: number;
  /** The total reported when the hits are not counted: one more than the count limit. */
  uncounted: number;
  after?: { rank: number; kind: SearchHitKind; id: string } | null;
}

export function pageArguments(p: PageParameters): unknown[] {
  const head = [p.query, p.indexMatches, p.uncounted];
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
function candidateCtes(kind: SearchHitKind, limit: number): string {
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
      WHERE (SELECT n.est <= $2::int FROM ${k}_n n) AND m.search_vector @@ ${Q} AND ${live}
      LIMIT ${limit}),
    ${k}_smp AS (
      SELECT m.id, m.search_vector
      FROM ${table} m TABLESAMPLE SYSTEM (${percent(
        // Enough pages for the candidates at the estimated density, within SAMPLE_PAGES.
        `least(${SAMPLE_PAGES}, greatest(${ESTIMATE_PAGES},
            ${limit * ESTIMATE_PAGES * 1.5} / greatest(1, (SELECT n.found FROM ${k}_n n))))`,
      )}) REPEATABLE (0)
      WHERE (SELECT n.est > $2::int FROM ${k}_n n) AND ${matches} AND ${live}
      LIMIT ${limit})`;
}

/** Whether the kind's candidates are all its matches: found by the index, fewer than the limit. */
const completeSql = (kind: SearchHitKind, limit: number) => {
  const k = kind.toLowerCase();
  return `(SELECT n.est <= $2::int AND (SELECT count(*) FROM ${k}_idx) < ${limit} FROM ${k}_n n)`;
};

// A hit `h` that may be shown: events and remarks are filtered when found (deleted_at is on the row), a
// citation is checked here, by id, only when it is among the best (or counted). Going through the
// citation's primary key makes PostgreSQL plan the claim look-ups for one row at a time (index probes);
// applied to every candidate, the same rule made it hash the whole event, remark… tables first.
const LIVE_HIT_SQL = `(h.kind <> 'CITATION' OR EXISTS (
  SELECT 1 FROM citation c WHERE c.id = h.id AND ${ofLiveClaimSql('c')}))`;

const AFTER_KEY = `(h.rank < $4::float8
  OR (h.rank = $4::float8 AND (h.kind > $5::text OR (h.kind = $5::text AND h.id > $6::uuid))))`;

const ORDER = 'ORDER BY h.rank DESC, h.kind ASC, h.id ASC';

function pageSql({ kinds, limit, window, pageRows, withCursor }: PageShape): string {
  const ranked = kinds
    .flatMap((kind) =>
      ['idx', 'smp'].map(
        (part) => `
        SELECT '${kind}'::text AS kind, m.id, ts_rank(m.search_vector, ${Q}, 1)::float8 AS rank
        FROM ${kind.toLowerCase()}_${part} m`,
      ),
    )
    .join(' UNION ALL ');
  const bestAfterCursor = (from: string, rows: number) => `
      SELECT h.kind, h.id, h.rank FROM ${from} h
      WHERE ${withCursor ? AFTER_KEY : 'true'}
      ${ORDER}
      LIMIT ${rows}`;
  // `hits` ranks every kind's candidates; `top` keeps the window of the best after the cursor. When
  // every kind's candidates are all its matches (`complete`), they are counted: then every hit is
  // checked for a live claim, else only the window's. `page` is the best checked hits after the cursor.
  // Only the page's rows are read again, for their text, and get a headline.
  return `
    WITH q AS (SELECT websearch_to_tsquery('english'::regconfig, $1::text) AS q),
    ${kinds.map((kind) => candidateCtes(kind, limit)).join(',')},
    hits AS (${ranked}),
    complete AS (SELECT ${kinds.map((kind) => completeSql(kind, limit)).join(' AND ')} AS yes),
    top AS (${bestAfterCursor('hits', window)}),
    checked AS (
      SELECT h.kind, h.id, h.rank FROM hits h
      WHERE ((SELECT c.yes FROM complete c) OR (h.kind, h.id) IN (SELECT t.kind, t.id FROM top t))
        AND ${LIVE_HIT_SQL}
    ),
    page AS (${bestAfterCursor('checked', pageRows)}),
    counted AS (
      SELECT CASE WHEN (SELECT c.yes FROM complete c) THEN (SELECT count(*)::int FROM checked)
                  ELSE $3::int END AS total
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

/**
 * The texts this module names: a frontend's few shapes, and room for limits changed while the server
 * runs (tests do). Texts past this run unnamed, planned per execution.
 */
const names = new StatementNames(32);
const texts = new Map<string, { sql: string; name: string | undefined }>();

/** The statement of this shape, and its name. */
export function pageStatement(shape: PageShape): { sql: string; name: string | undefined } {
  const { kinds, limit, window, pageRows, withCursor } = shape;
  if (![limit, window, pageRows].every(Number.isSafeInteger)) throw new Error('search limits are integers');
  const key = JSON.stringify([kinds, limit, window, pageRows, withCursor]);
  let statement = texts.get(key);
  if (!statement) {
    const sql = pageSql(shape);
    statement = { sql, name: names.nameFor(sql) };
    texts.set(key, statement);
  }
  return statement;
}
