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
// - a sample of ESTIMATE_PAGES (32) pages of the table (TABLESAMPLE SYSTEM with a fixed seed: the same
//   pages on every request) estimates how many matches the whole table has;
// - few (up to SEARCH_INDEX_MATCHES): the GIN index finds them, and its bitmap is small (though the
//   index may read long lists to find them: two common words that seldom meet). The candidates are
//   then the first matches in storage order, all of them when there are fewer than the limit, and the
//   count is exact;
// - many: the candidates are the matches in a larger sample (enough pages for the limit at the
//   estimated density, at most SAMPLE_PAGES, 128), spread over the whole log. A common query ranks, and
//   pages through, those only; its total is reported as "more than the limit" (an estimate, never a
//   count of them all).
// Only the candidates are ranked, the citations among the best few are checked for a live claim, and
// ts_headline, which parses its text, runs only for the page's hits. All of it is one statement
// (search.statement.ts), prepared once per connection.
import type { SqlResultSet } from '@prisma/driver-adapter-utils';
import type { DirectRead } from '../../core/db/direct-reads.js';
import { positiveIntFromEnv } from '../../core/db/config.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { MARK_END, MARK_START, pageArguments, pageStatement } from './search.statement.js';

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

/** Up to this many matches in a table (estimated), the GIN index finds the candidates. */
export const DEFAULT_SEARCH_INDEX_MATCHES = 5000;

/** SEARCH_INDEX_MATCHES, read per request like the other limits (a positive integer). */
export function searchIndexMatches(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntFromEnv(env, 'SEARCH_INDEX_MATCHES', DEFAULT_SEARCH_INDEX_MATCHES);
}

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

/** The driver's rows (arrays, in column order) as objects keyed by column name. */
function rowsOf<T>(result: SqlResultSet): T[] {
  const { columnNames } = result;
  return result.rows.map((row) => Object.fromEntries(columnNames.map((name, i) => [name, row[i]])) as T);
}

/** One page of hits, the capped total and whether more follow: one SQL statement (rarely more, below). */
export async function searchPage(read: DirectRead, options: SearchOptions): Promise<SearchPage> {
  const { query, first, after } = options;
  const countLimit = options.countLimit ?? searchCountLimit();
  const kinds = SEARCH_HIT_KINDS.filter((k) => !options.kinds?.length || options.kinds.includes(k));
  // Enough candidates of each kind to rank, and to count one past the count limit.
  const limit = Math.max(options.candidateLimit ?? searchCandidateLimit(), countLimit + 1);
  const args = pageArguments({
    query,
    indexMatches: options.indexMatches ?? searchIndexMatches(),
    uncounted: countLimit + 1,
    after,
  });
  // The window is the best hits after the cursor before citations of deleted claims are dropped. If
  // that leaves the page short while the window was full, more live hits may follow it: rank again with
  // a wider window. Only many deleted records among the best hits make this happen.
  for (let window = firstWindow(first); ; window *= WINDOW_GROWTH) {
    const statement = pageStatement({ kinds, limit, window, pageRows: first + 1, withCursor: after != null });
    const rows = rowsOf<PageRow>(await read(statement.sql, args, statement.name));
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
