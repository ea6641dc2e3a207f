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
// What a page costs is bounded, however many hits a word has in the log:
// - ranking reads at most SEARCH_CANDIDATE_LIMIT (1,000) matches of each kind, as the GIN index (or, for
//   a very common word, the table scan that stops at the limit) finds them: no index gives the best hits
//   by ts_rank, so ranking every one of a common word's 100,000s of hits grew with the log. A query with
//   more matches ranks, and pages through, those candidates only: the same ones on every page as long as
//   the data does not change. The best few are kept (a top-N sort) and only those few citations are
//   checked for a live claim;
// - ts_headline, which parses its text, runs only for the page's hits;
// - the total stops counting past a limit (SEARCH_COUNT_LIMIT, 1,000): "1,000+ results" is all a reader
//   needs, and counting every hit would mean checking every matching citation's claim.
import { liveFragment } from '../../core/db/models.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { positiveIntFromEnv } from '../../core/db/config.js';
import { CITATION_OF_LIVE_CLAIM_SQL } from '../source/live-citations.js';

export const SEARCH_HIT_KINDS = ['EVENT', 'REMARK', 'CITATION'] as const;
export type SearchHitKind = (typeof SEARCH_HIT_KINDS)[number];

/** A query longer than this is refused (websearch queries are short; this bounds the work). */
export const MAX_QUERY_LENGTH = LIMITS.searchQuery.maxChars;

/** How many hits `totalCount` counts at most, unless SEARCH_COUNT_LIMIT says otherwise. */
export const DEFAULT_SEARCH_COUNT_LIMIT = 1000;

/** SEARCH_COUNT_LIMIT, read per request so that a test can lower it (a positive integer). */
export function searchCountLimit(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntFromEnv(env, 'SEARCH_COUNT_LIMIT', DEFAULT_SEARCH_COUNT_LIMIT);
}

/** How many matches of each kind are ranked at most, unless SEARCH_CANDIDATE_LIMIT says otherwise. */
export const DEFAULT_SEARCH_CANDIDATE_LIMIT = 1000;

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

// A hit `h` that may be shown: events and remarks are filtered when ranked (deleted_at is on the row), a
// citation is checked here, by id, only when it is among the few best (or counted). Going through the
// citation's primary key makes PostgreSQL plan the claim look-ups for one row at a time (index probes);
// applied to every matching citation, the same rule made it hash the whole event, remark… tables first.
const LIVE_HIT_SQL = `(h.kind <> 'CITATION' OR EXISTS (
  SELECT 1 FROM citation c WHERE c.id = h.id AND ${CITATION_OF_LIVE_CLAIM_SQL}))`;

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

function pageStatement(
  prisma: PrismaClient,
  options: SearchOptions,
  window: number,
  countLimit: number,
): Promise<PageRow[]> {
  const { query, first, after } = options;
  const wanted = new Set<SearchHitKind>(options.kinds?.length ? options.kinds : SEARCH_HIT_KINDS);
  const tsquery = Prisma.sql`websearch_to_tsquery('english'::regconfig, ${query}::text)`;

  // One branch per kind: ranked (for the page), the kind's first `candidates` matches; or unranked and
  // uncapped (for the count, which stops at its own limit).
  const candidates = options.candidateLimit ?? searchCandidateLimit();
  const branches = (ranked: boolean) => {
    const list: Prisma.Sql[] = [];
    const branch = (kind: SearchHitKind, table: string, live?: 'Event' | 'Remark') => {
      const t = Prisma.raw(table);
      const where = Prisma.sql`m.search_vector @@ ${tsquery} ${live ? Prisma.sql`AND ${liveFragment(live, 'm')}` : Prisma.empty}`;
      list.push(
        ranked
          ? Prisma.sql`
        SELECT ${kind}::text AS kind, m.id, ts_rank(m.search_vector, ${tsquery}, 1)::float8 AS rank
        FROM (SELECT m.id, m.search_vector FROM ${t} m WHERE ${where} LIMIT ${candidates}::int) m`
          : Prisma.sql`
        SELECT ${kind}::text AS kind, m.id FROM ${t} m WHERE ${where}`,
      );
    };
    if (wanted.has('EVENT')) branch('EVENT', 'event', 'Event');
    if (wanted.has('REMARK')) branch('REMARK', 'remark', 'Remark');
    if (wanted.has('CITATION')) branch('CITATION', 'citation');
    return Prisma.join(list, ' UNION ALL ');
  };

  const afterKey = after
    ? Prisma.sql`(h.rank < ${after.rank}::float8
        OR (h.rank = ${after.rank}::float8
            AND (h.kind > ${after.kind}::text OR (h.kind = ${after.kind}::text AND h.id > ${after.id}::uuid))))`
    : Prisma.sql`true`;

  // `top` ranks the candidates after the cursor but keeps only the window; `page` drops citations of deleted
  // claims from it; `counted` counts hits in no order and stops one past the limit. Only the page's rows
  // are read again, for their text, and get a headline.
  return prisma.$queryRaw<PageRow[]>`
    WITH top AS (
      SELECT h.kind, h.id, h.rank
      FROM (${branches(true)}) h
      WHERE ${afterKey}
      ORDER BY h.rank DESC, h.kind ASC, h.id ASC
      LIMIT ${window}::int
    ),
    page AS (
      SELECT h.kind, h.id, h.rank
      FROM top h
      WHERE ${Prisma.raw(LIVE_HIT_SQL)}
      ORDER BY h.rank DESC, h.kind ASC, h.id ASC
      LIMIT ${first + 1}::int
    ),
    counted AS (
      SELECT count(*)::int AS total
      FROM (SELECT 1 FROM (${branches(false)}) h WHERE ${Prisma.raw(LIVE_HIT_SQL)} LIMIT ${countLimit + 1}::int) x
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
