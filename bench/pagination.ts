// Deep keyset pagination: page 1,000 of the timeline against page 1. The cursor of page N is computed
// rather than walked (walking 999 pages through the server would take longer than the measurement): it is
// the id of the last event of page N-1, encoded as @pothos/plugin-prisma encodes `cursor: 'id'`. Two
// assertions keep that honest: the server's own endCursor of page 1 must equal the computed cursor of
// page 2, and the first event the server returns for page N must be the one an OFFSET query finds there.
import type pg from 'pg';
import { dataOf, graphql } from './samples.js';
import { timeline, TIMELINE_PAGE_SIZE } from './operations.js';

export const encodeCursor = (id: string) => Buffer.from(`GPC:S:${id}`, 'utf8').toString('base64');

/** The id of the event at `offset` in timeline order (newest first, ties by id). */
async function eventAt(pool: pg.Pool, offset: number): Promise<{ id: string; slug: string } | null> {
  const { rows } = await pool.query<{ id: string; slug: string }>(
    `SELECT id, slug FROM event WHERE deleted_at IS NULL ORDER BY start_date DESC, id DESC OFFSET $1 LIMIT 1`,
    [offset],
  );
  return rows[0] ?? null;
}

export interface DeepPage {
  page: number;
  /** The `after` cursor that yields that page. */
  after: string;
}

/** The deepest page up to `wanted` that the dataset has, with its cursor, checked against the server. */
export async function deepPage(pool: pg.Pool, url: string, wanted: number): Promise<DeepPage> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM event WHERE deleted_at IS NULL`,
  );
  const total = rows[0]?.n ?? 0;
  const page = Math.max(2, Math.min(wanted, Math.floor((total - 1) / TIMELINE_PAGE_SIZE) + 1));

  const second = await eventAt(pool, TIMELINE_PAGE_SIZE - 1);
  const first = dataOf('timeline page 1', await graphql(url, timeline.query, { after: null }));
  const endCursor = (first.events as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
  if (!second || endCursor !== encodeCursor(second.id)) {
    throw new Error(`computed cursors do not match the server's (page 1 endCursor ${endCursor})`);
  }

  const last = await eventAt(pool, (page - 1) * TIMELINE_PAGE_SIZE - 1);
  const expected = await eventAt(pool, (page - 1) * TIMELINE_PAGE_SIZE);
  const after = encodeCursor(last!.id);
  const deep = dataOf(`timeline page ${page}`, await graphql(url, timeline.query, { after }));
  const slug = (deep.events as { edges: { node: { slug: string } }[] }).edges[0]?.node.slug;
  if (slug !== expected?.slug) {
    throw new Error(
      `page ${page} starts with ${slug}, but the timeline's event at that offset is ${expected?.slug}`,
    );
  }
  return { page, after };
}
