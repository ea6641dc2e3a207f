// Full-text search over what people search for: event titles and summaries, the words of remarks and the
// quotes of citations. PostgreSQL does the work (websearch_to_tsquery, ts_rank, ts_headline) against the
// GIN indexes of the integrity migration — the expressions below are those indexes' expressions, character
// for character, so the planner can use them.
//
// Ranks are ts_rank with normalization 1 (divided by 1 + the log of the text's length), so that a short
// text saying just what was searched for outranks a long one that mentions it in passing.
//
// Hits are ordered by rank (descending), then kind and id (ascending), and paged by keyset over that
// triple: a cursor carries the last hit's (rank, kind, id), never an offset. Ranks are ts_rank's float4
// widened to float8 both where they are selected and where they are compared, so the value that travels
// through the cursor (a JavaScript double) compares equal to the row it came from.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { CITATION_OF_LIVE_CLAIM_SQL } from '../source/live-citations.js';

export const SEARCH_HIT_KINDS = ['EVENT', 'REMARK', 'CITATION'] as const;
export type SearchHitKind = (typeof SEARCH_HIT_KINDS)[number];

/** A query longer than this is refused (websearch queries are short; this bounds the work). */
export const MAX_QUERY_LENGTH = 500;

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
  /** Every hit of the query (all pages). */
  totalCount: number;
  hasNextPage: boolean;
}

export interface SearchOptions {
  query: string;
  /** Page size; one more row is fetched to know whether there is a next page. */
  first: number;
  after?: SearchKey | null;
  /** Only these kinds; all when empty or omitted. */
  kinds?: readonly SearchHitKind[] | null;
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

/** One page of hits, the total and whether more follow: one SQL statement. */
export async function searchPage(prisma: PrismaClient, options: SearchOptions): Promise<SearchPage> {
  const { query, first, after } = options;
  const wanted = new Set<SearchHitKind>(options.kinds?.length ? options.kinds : SEARCH_HIT_KINDS);
  const tsquery = Prisma.sql`websearch_to_tsquery('english'::regconfig, ${query}::text)`;

  // One branch per kind; the indexed expression is repeated in the rank so the planner shares it.
  const branches: Prisma.Sql[] = [];
  if (wanted.has('EVENT')) {
    branches.push(Prisma.sql`
      SELECT 'EVENT'::text AS kind, e.id,
             ts_rank(to_tsvector('english'::regconfig, e."title" || ' ' || e."summary"), ${tsquery}, 1)::float8 AS rank,
             e."title" || ' ' || e."summary" AS doc
      FROM event e
      WHERE e.deleted_at IS NULL
        AND to_tsvector('english'::regconfig, e."title" || ' ' || e."summary") @@ ${tsquery}`);
  }
  if (wanted.has('REMARK')) {
    branches.push(Prisma.sql`
      SELECT 'REMARK'::text AS kind, r.id,
             ts_rank(to_tsvector('english'::regconfig, r."content"), ${tsquery}, 1)::float8 AS rank,
             r."content" AS doc
      FROM remark r
      WHERE r.deleted_at IS NULL
        AND to_tsvector('english'::regconfig, r."content") @@ ${tsquery}`);
  }
  if (wanted.has('CITATION')) {
    // Only citations of live claims: a hit on a deleted remark's citation would lead to the remark.
    branches.push(Prisma.sql`
      SELECT 'CITATION'::text AS kind, c.id,
             ts_rank(to_tsvector('english'::regconfig, c."quote"), ${tsquery}, 1)::float8 AS rank,
             c."quote" AS doc
      FROM citation c
      WHERE to_tsvector('english'::regconfig, c."quote") @@ ${tsquery}
        AND ${Prisma.raw(CITATION_OF_LIVE_CLAIM_SQL)}`);
  }

  const afterKey = after
    ? Prisma.sql`(h.rank < ${after.rank}::float8
        OR (h.rank = ${after.rank}::float8
            AND (h.kind > ${after.kind}::text OR (h.kind = ${after.kind}::text AND h.id > ${after.id}::uuid))))`
    : Prisma.sql`true`;

  // The count covers every hit; the page is cut by keyset and only its rows get a headline.
  const rows = await prisma.$queryRaw<
    {
      total: number;
      kind: SearchHitKind | null;
      id: string | null;
      rank: number | null;
      headline: string | null;
    }[]
  >`
    WITH hits AS (${Prisma.join(branches, ' UNION ALL ')}),
    page AS (
      SELECT h.kind, h.id, h.rank, h.doc
      FROM hits h
      WHERE ${afterKey}
      ORDER BY h.rank DESC, h.kind ASC, h.id ASC
      LIMIT ${first + 1}::int
    )
    SELECT t.total, p.kind, p.id::text AS id, p.rank,
           ts_headline('english'::regconfig, translate(p.doc, ${MARK_START + MARK_END}::text, ''), ${tsquery},
                       ${HEADLINE_OPTIONS}::text) AS headline
    FROM (SELECT count(*)::int AS total FROM hits) t
    LEFT JOIN page p ON true
    ORDER BY p.rank DESC, p.kind ASC, p.id ASC`;

  const hits: SearchHitRow[] = rows
    .filter((r) => r.kind !== null && r.id !== null)
    .map((r) => ({ kind: r.kind!, id: r.id!, rank: r.rank!, headline: markup(r.headline ?? '') }));
  return {
    hits: hits.slice(0, first),
    totalCount: rows[0]?.total ?? 0,
    hasNextPage: hits.length > first,
  };
}
