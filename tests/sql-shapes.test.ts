// The SQL each hot page sends, snapshotted (tests/__snapshots__/sql-shapes.test.ts.snap), so that a change
// in a page's query shape — a statement more, a join gone, a filter or an order moved — shows in review as
// a diff of SQL, not only as a changed statement count. The statements are caught by the statement
// counter (src/core/db/statement-counter.ts) as Prisma and the compiled read path send them to the driver,
// before either database sees them, so the snapshot is the same on the embedded database and PostgreSQL.
//
// Normalised so that only the shape is kept: whitespace collapsed, ids replaced, and a list of bound
// parameters (`IN ($1,$2,…)`, as long as the rows found) written as one; values are bound parameters
// already. Each statement is broken before its clauses so that a diff points at the clause that changed.
// Statements a page sends concurrently (loaders of one pass) may reach the driver in either order, so
// they are listed sorted.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementsBySubject, personPage, relationship, search, timeline } from '../bench/operations.js';
import { observeStatements } from '../src/core/db/statement-counter.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const CLAUSE = / (?=(?:FROM|WHERE|LEFT JOIN|INNER JOIN|ORDER BY|GROUP BY|LIMIT|OFFSET|UNION ALL) )/g;

export function normaliseSql(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(UUID, '<uuid>')
    .replace(/\$\d+(?:, ?\$\d+)+/g, '$…')
    .trim()
    .replace(CLAUSE, '\n');
}

const PAGES: { page: string; query: string; variables?: Record<string, unknown> }[] = [
  { page: 'timeline', query: timeline.query, variables: { after: null } },
  { page: 'person page', query: personPage.query, variables: { slug: 'nobuo-kishi' } },
  {
    page: 'agreements by subject',
    query: agreementsBySubject.query,
    variables: { subjects: ['CYBERSECURITY'] },
  },
  {
    page: 'event page',
    query: readFileSync(new URL('../docs/examples/event-page.graphql', import.meta.url), 'utf8'),
  },
  { page: 'relationship view', query: relationship.query, variables: { between: ['JP', 'VN'] } },
  { page: 'search', query: search.query, variables: { query: 'cybersecurity' } },
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/**
 * The normalised statements one request for `page` sends, after a first request has warmed the server.
 * The pages' documents are the bench's and the docs' own text (strings, not typed documents): only their
 * errors and statement counts are read here, so their data is `unknown`.
 */
async function statementsOf(query: string, variables?: Record<string, unknown>): Promise<string[]> {
  const warm = await server.gql<unknown>(query, variables);
  expect(warm.errors).toBeUndefined();
  const seen: string[] = [];
  const stop = observeStatements((sql) => seen.push(normaliseSql(sql)));
  try {
    const res = await server.gql<unknown>(query, variables);
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.sql?.statements).toBe(seen.length);
  } finally {
    stop();
  }
  return seen.sort();
}

describe('the SQL the hot pages send', () => {
  it.each(PAGES)('$page', async ({ query, variables }) => {
    expect(await statementsOf(query, variables)).toMatchSnapshot();
  });
});
