// Full-text search over what people search for: event titles and summaries, the words of remarks and the
// quotes of citations. PostgreSQL does the work (websearch_to_tsquery, ts_rank, ts_headline) against the
// stored document vectors `search_vector` (generated columns with GIN indexes, migration search_vectors),
// so no matching text is parsed again to rank it.
//
// Ranks are ts_rank with normalization 1 (divided by 1 + the log of the text's length), so that a short
// text saying just what was searched for outranks a long one that mentions it in passing.
//
// Hits are ordered by rank (descending), then kind and id (ascending), and paged by keyset over that
// triple: a cursor carries the last hit's (rank, kind, id), never an offset. Ranks are ts_rank's float4
// widened to float8 both where they are selected and where they are compared, so the value that travels
// through the cursor (a JavaScript double) compares equal to the row it came from.
//
// What a page costs is bounded, however many hits a word has in the log. No index gives the best hits by
// ts_rank, and a GIN index only answers with a bitmap of EVERY match (200,000 citations for a common
// phrase at 1M events) before any LIMIT applies. So each kind's candidates (at most
// SEARCH_CANDIDATE_LIMIT, and one more than SEARCH_COUNT_LIMIT) are found by one of two bounded paths:
// - a sample of ESTIMATE_PAGES pages of the table (TABLESAMPLE SYSTEM with a fixed seed: the same pages on
//   every request) estimates how many matches the whole table has;
// - few (up to SEARCH_INDEX_MATCHES): the GIN index finds them, and its bitmap is small. The candidates
//   are then the first matches in storage order, all of them when there are fewer than the limit, and
//   the count is exact;
// - many: the candidates are the matches in a larger sample (enough pages for the limit at the estimated
//   density, at most SAMPLE_PAGES), spread over the whole log. A common query ranks, and pages through,
//   those only; its total is reported as "more than the limit" (an estimate, never a count of them all).
// Only the candidates are ranked, the citations among the best few are checked for a live claim, and
// ts_headline, which parses its text, runs only for the page's hits.
import { liveSql, ofLiveClaimSql } from '../../core/db/models.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { positiveIntFromEnv } from '../../core/db/config.js';

export const SEARCH_HIT_KINDS = ['EVENT', 'REMARK', 'CITATION'] as const;
export type SearchHitKind = (typeof SEARCH_HIT_KINDS)[number];

/** A query longer than this is refused (websearch queries are short; this bounds the work). */
export const MAX_QUERY_LENGTH = LIMITS.searchQuery.maxChars;

/** How many hits `totalCount` counts at most, unless SEARCH_COUNT_LIMIT says otherwise. */
export const DEFAULT_SEARCH_COUNT_LIMIT = 200;

/** SEARCH_COUNT_LIMIT, read per request so that a test can lower it (a positive integer). */
export function searchCountLimit(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntFromEnv(env, 'SEARCH_COUNT_LIMIT', DEFAULT_SEARCH_COUNT_LIMIT);
}

/** How many matches of each kind are found and ranked at most, unless SEARCH_CANDIDATE_LIMIT says otherwise. */
export const DEFAULT_SEARCH_CANDIDATE_LIMIT = 200;

/** SEARCH_CANDIDATE_LIMIT, read per request like the count limit (a positive integer). */
export function searchCandidateLimit(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntFromEnv(env, 'SEARCH_CANDIDATE_LIMIT', DEFAULT_SEARCH_CANDIDATE_LIMIT);
}

export interface SearchHitRow {
  kind: SearchHitKind;
  id: string;
  rank: number;
  /** The matching text, HTML-escaped, with every match wrapped in <mark>…</mark>. */
  headline: string;
}

export interface SearchKey {
  rank: number;
  kind: SearchHitKind;
  id: string;
}

export interface SearchPage {
  hits: SearchHitRow[];
  /** The hits of the query (all pages), counted up to the count limit: never more than the limit. */
  totalCount: number;
  /** False when the query has more hits than the limit (totalCount is then the limit). */
  totalCountIsExact: boolean;
  hasNextPage: boolean;
}

export interface SearchOptions {
  query: string;
  /** Page size; one more row is fetched to know whether there is a next page. */
  first: number;
  after?: SearchKey | null;
  /** Only these kinds; all when empty or omitted. */
  kinds?: readonly SearchHitKind[] | null;
  /** Count at most this many hits (default: searchCountLimit()). */
  countLimit?: number;
  /** Rank at most this many matches of each kind (default: searchCandidateLimit()). */
  candidateLimit?: number;
  /** Up to this many estimated matches of a kind, the index finds them (default: searchIndexMatches()). */
  indexMatches?: number;
}

// ts_headline marks matches with these private-use characters, which the text cannot contain (they are
// removed from it first); the text is then HTML-escaped and the markers become <mark> and </mark>.
const MARK_START = '\uE000';
const MARK_END = '\uE001';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(key: SearchKey): string {
  return Buffer.from(JSON.stringify({ r: key.rank, k: key.kind, i: key.id }), 'utf8').toString('base64url');
}

/** The key a cursor carries, or null when it is not one of ours. */
export function decodeCursor(cursor: string): SearchKey | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { r, k, i } = parsed as Record<string, unknown>;
  if (typeof r !== 'number' || !Number.isFinite(r)) return null;
  if (typeof k !== 'string' || !(SEARCH_HIT_KINDS as readonly string[]).includes(k)) return null;
  if (typeof i !== 'string' || !UUID.test(i)) return null;
  return { rank: r, kind: k as SearchHitKind, id: i.toLowerCase() };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function markup(headline: string): string {
  return escapeHtml(headline).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

/** Pages of each table (at most) whose rows estimate how many matches the query has. */
const ESTIMATE_PAGES = 32;
/** Up to this many matches in a table (estimated), the GIN index finds the candidates. */
export const DEFAULT_SEARCH_INDEX_MATCHES = 5000;

/** SEARCH_INDEX_MATCHES, read per request like the other limits (a positive integer). */
export function searchIndexMatches(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntFromEnv(env, 'SEARCH_INDEX_MATCHES', DEFAULT_SEARCH_INDEX_MATCHES);
}
/** Pages of each table (at most) whose rows a common query's candidates are taken from. */
const SAMPLE_PAGES = 512;

const TABLES: Record<SearchHitKind, { table: string; live?: string }> = {
  EVENT: { table: 'event', live: liveSql('Event', 'm') },
  REMARK: { table: 'remark', live: liveSql('Remark', 'm') },
  // A citation's claim is checked later, for the few hits that need it (LIVE_HIT_SQL).
  CITATION: { table: 'citation' },
};

// A hit `h` that may be shown: events and remarks are filtered when found (deleted_at is on the row), a
// citation is checked here, by id, only when it is among the few best (or counted). Going through the
// citation's primary key makes PostgreSQL plan the claim look-ups for one row at a time (index probes);
// applied to every candidate, the same rule made it hash the whole event, remark… tables first.
const LIVE_HIT_SQL = `(h.kind <> 'CITATION' OR EXISTS (
  SELECT 1 FROM citation c WHERE c.id = h.id AND ${ofLiveClaimSql('c')}))`;

/**
 * How many of the best hits are ranked into the window whose citations are then checked: twice the page,
 * so that a few citations of deleted claims among them do not shorten the page. When more are, the
 * window grows (see searchPage).
 */
const firstWindow = (first: number) => 2 * (first + 1);
const WINDOW_GROWTH = 8;

interface PageRow {
  total: number;
  window_rows: number;
  kind: SearchHitKind | null;
  id: string | null;
  rank: number | null;
  headline: string | null;
}

/** One page of hits, the capped total and whether more follow: one SQL statement (rarely more, below). */
export async function searchPage(prisma: PrismaClient, options: SearchOptions): Promise<SearchPage> {
  const { first } = options;
  const countLimit = options.countLimit ?? searchCountLimit();
  // The window is the best hits after the cursor before citations of deleted claims are dropped. If
  // that leaves the page short while the window was full, more live hits may follow it: rank again with
  // a wider window. Only many deleted records among the best hits make this happen.
  for (let window = firstWindow(first); ; window *= WINDOW_GROWTH) {
    const rows = await pageStatement(prisma, options, window, countLimit);
    const hits: SearchHitRow[] = rows
      .filter((r) => r.kind !== null && r.id !== null)
      .map((r) => ({ kind: r.kind!, id: r.id!, rank: r.rank!, headline: markup(r.headline ?? '') }));
    const windowRows = rows[0]?.window_rows ?? 0;
    if (hits.length > first || windowRows < window) {
      const total = rows[0]?.total ?? 0;
      return {
        hits: hits.slice(0, first),
        totalCount: Math.min(total, countLimit),
        totalCountIsExact: total <= countLimit,
        hasNextPage: hits.length > first,
      };
    }
  }
}

/**
 * The candidates of one kind (see the top of the file), as CTEs named `<k>_n`, `<k>_idx` and `<k>_smp`:
 * the table's size in pages and the matches counted in a sample of ESTIMATE_PAGES of them (`est`, the
 * estimated matches of the whole table); the candidates the index finds when `est` is small; else those
 * of a larger sample. A sample is TABLESAMPLE SYSTEM with a fixed seed: the same pages on every request,
 * and a larger sample holds the pages of a smaller one. The branch not taken is never run (a one-time
 * filter).
 */
function candidateCtes(
  kind: SearchHitKind,
  tsquery: Prisma.Sql,
  limit: number,
  indexMatches: number,
): Prisma.Sql {
  const { table, live } = TABLES[kind];
  const k = kind.toLowerCase();
  const [t, n, idx, smp] = [table, `${k}_n`, `${k}_idx`, `${k}_smp`].map((name) => Prisma.raw(name));
  const liveSql = Prisma.raw(live ?? 'true');
  // Rows a sample tests call ts_match_vq, the `@@` test as a function, which no index can answer.
  const matches = Prisma.sql`ts_match_vq(m.search_vector, ${tsquery})`;
  const pages = Prisma.sql`greatest(1, pg_relation_size(${table}::regclass) / current_setting('block_size')::int)`;
  const percent = (of: Prisma.Sql) => Prisma.sql`least(100, 100.0 * ${of} / ${pages})::float4`;
  return Prisma.sql`
    ${n} AS (
      SELECT s.pages, s.found, s.found * s.pages / least(s.pages, ${ESTIMATE_PAGES}::int) AS est
      FROM (SELECT ${pages}::float8 AS pages,
                   (SELECT count(*) FROM ${t} m TABLESAMPLE SYSTEM (${percent(Prisma.sql`${ESTIMATE_PAGES}::int`)})
                    REPEATABLE (0) WHERE ${matches} AND ${liveSql})::float8 AS found) s),
    ${idx} AS (
      SELECT m.id, m.search_vector FROM ${t} m
      WHERE (SELECT n.est <= ${indexMatches}::int FROM ${n} n)
        AND m.search_vector @@ ${tsquery} AND ${liveSql}
      LIMIT ${limit}::int),
    ${smp} AS (
      SELECT m.id, m.search_vector
      FROM ${t} m TABLESAMPLE SYSTEM (${percent(
        // Enough pages for the candidates at the estimated density, within SAMPLE_PAGES.
        Prisma.sql`least(${SAMPLE_PAGES}::int, greatest(${ESTIMATE_PAGES}::int,
            ${limit * ESTIMATE_PAGES * 1.5}::float8 / greatest(1, (SELECT n.found FROM ${n} n))))`,
      )}) REPEATABLE (0)
      WHERE (SELECT n.est > ${indexMatches}::int FROM ${n} n) AND ${matches} AND ${liveSql}
      LIMIT ${limit}::int)`;
}

/** Whether the kind's candidates are all its matches: found by the index, fewer than the limit. */
function completeSql(kind: SearchHitKind, limit: number, indexMatches: number): Prisma.Sql {
  const k = kind.toLowerCase();
  const [n, idx] = [`${k}_n`, `${k}_idx`].map((name) => Prisma.raw(name));
  return Prisma.sql`(SELECT n.est <= ${indexMatches}::int AND (SELECT count(*) FROM ${idx}) < ${limit}::int
    FROM ${n} n)`;
}

function pageStatement(
  prisma: PrismaClient,
  options: SearchOptions,
  window: number,
  countLimit: number,
): Promise<PageRow[]> {
  const { query, first, after } = options;
  const kinds = SEARCH_HIT_KINDS.filter((k) => !options.kinds?.length || options.kinds.includes(k));
  const tsquery = Prisma.sql`websearch_to_tsquery('english'::regconfig, ${query}::text)`;
  // Enough candidates of each kind to rank, and to count one past the count limit.
  const limit = Math.max(options.candidateLimit ?? searchCandidateLimit(), countLimit + 1);
  const indexMatches = options.indexMatches ?? searchIndexMatches();

  const ranked = Prisma.join(
    kinds.flatMap((kind) =>
      ['idx', 'smp'].map(
        (part) => Prisma.sql`
        SELECT ${kind}::text AS kind, m.id, ts_rank(m.search_vector, ${tsquery}, 1)::float8 AS rank
        FROM ${Prisma.raw(`${kind.toLowerCase()}_${part}`)} m`,
      ),
    ),
    ' UNION ALL ',
  );
  const afterKey = after
    ? Prisma.sql`(h.rank < ${after.rank}::float8
        OR (h.rank = ${after.rank}::float8
            AND (h.kind > ${after.kind}::text OR (h.kind = ${after.kind}::text AND h.id > ${after.id}::uuid))))`
    : Prisma.sql`true`;

  // `hits` ranks every kind's candidates; `top` keeps the window of the best after the cursor; `page`
  // drops citations of deleted claims from it. `counted` counts the live candidates when every kind's
  // are all its matches, else stands for "more than the limit" without checking any. Only the page's
  // rows are read again, for their text, and get a headline.
  return prisma.$queryRaw<PageRow[]>`
    WITH ${Prisma.join(
      kinds.map((kind) => candidateCtes(kind, tsquery, limit, indexMatches)),
      ',',
    )},
    hits AS (${ranked}),
    top AS (
      SELECT h.kind, h.id, h.rank FROM hits h
      WHERE ${afterKey}
      ORDER BY h.rank DESC, h.kind ASC, h.id ASC
      LIMIT ${window}::int
    ),
    page AS (
      SELECT h.kind, h.id, h.rank FROM top h
      WHERE ${Prisma.raw(LIVE_HIT_SQL)}
      ORDER BY h.rank DESC, h.kind ASC, h.id ASC
      LIMIT ${first + 1}::int
    ),
    counted AS (
      SELECT CASE WHEN ${Prisma.join(
        kinds.map((kind) => completeSql(kind, limit, indexMatches)),
        ' AND ',
      )}
        THEN (SELECT count(*)::int FROM hits h WHERE ${Prisma.raw(LIVE_HIT_SQL)})
        ELSE ${countLimit + 1}::int END AS total
    )
    SELECT n.total, (SELECT count(*)::int FROM top) AS window_rows, p.kind, p.id::text AS id, p.rank,
           ts_headline('english'::regconfig,
                       translate(CASE p.kind WHEN 'EVENT' THEN e."title" || ' ' || e."summary"
                                             WHEN 'REMARK' THEN r."content" ELSE c."quote" END,
                                 ${MARK_START + MARK_END}::text, ''),
                       ${tsquery}, ${HEADLINE_OPTIONS}::text) AS headline
    FROM counted n
    LEFT JOIN page p ON true
    LEFT JOIN event e ON p.kind = 'EVENT' AND e.id = p.id
    LEFT JOIN remark r ON p.kind = 'REMARK' AND r.id = p.id
    LEFT JOIN citation c ON p.kind = 'CITATION' AND c.id = p.id
    ORDER BY p.rank DESC, p.kind ASC, p.id ASC`;
}
