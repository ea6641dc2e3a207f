// Before the load runs: what the requests will ask for (people, ids for writes), a check that every
// operation answers without errors, that the server reports its SQL statement count, and that each floor
// statement returns exactly the server's data.
import { deepStrictEqual } from 'node:assert/strict';
import type pg from 'pg';
import { FLOORS } from './floor.js';
import { OPERATIONS, type Operation, type Samples } from './operations.js';
import type { Prng } from './data/prng.js';

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { sql?: { statements?: number } };
}

export async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse;
  if (!response.ok && !body.errors) throw new Error(`HTTP ${response.status} from ${url}/graphql`);
  return body;
}

/** The answer's data, or an error naming the operation and the first GraphQL error. */
export function dataOf(what: string, response: GraphQLResponse): Record<string, unknown> {
  if (response.errors?.length || !response.data) {
    throw new Error(`${what}: ${response.errors?.[0]?.message ?? 'no data'}`);
  }
  return response.data;
}

const nodeIds = (data: Record<string, unknown>, field: string): string[] =>
  ((data[field] as { edges: { node: { id: string } }[] }).edges ?? []).map((e) => e.node.id);

export async function collectSamples(pool: pg.Pool, url: string): Promise<Samples> {
  // Every person, in a fixed order: requests pick among them uniformly (busy ministers and bit players).
  const people = await pool.query<{ slug: string }>(
    `SELECT slug FROM participant WHERE kind = 'PERSON' AND deleted_at IS NULL ORDER BY md5(slug) LIMIT 2000`,
  );
  const data = dataOf(
    'samples',
    await graphql(
      url,
      `
        {
          jp: participants(first: 100, filter: { kinds: [PERSON], country: "JP" }) {
            edges {
              node {
                id
              }
            }
          }
          vn: participants(first: 100, filter: { kinds: [PERSON], country: "VN" }) {
            edges {
              node {
                id
              }
            }
          }
          cn: country(isoCode: "CN") {
            id
          }
          sources(first: 100) {
            edges {
              node {
                id
                fullText
              }
            }
          }
        }
      `,
    ),
  );
  return {
    personSlugs: people.rows.map((r) => r.slug),
    japanesePeople: nodeIds(data, 'jp'),
    vietnamesePeople: nodeIds(data, 'vn'),
    china: (data.cn as { id: string }).id,
    sources: sourceQuotes(data),
  };
}

/**
 * Each sampled source with a sentence of its own text: a write must quote its source verbatim when the
 * log holds the source's text (as every synthetic source does).
 */
function sourceQuotes(data: Record<string, unknown>): { id: string; quote: string }[] {
  const edges = (data.sources as { edges: { node: { id: string; fullText: string | null } }[] }).edges;
  return edges.map(({ node }) => ({
    id: node.id,
    quote: node.fullText ? (node.fullText.split(/(?<=\.)\s/)[0] ?? node.fullText) : 'Bench citation.',
  }));
}

/** Whether the server's schema has `createEvent`, and which date shape its input takes. */
export async function writeSupport(url: string): Promise<'fuzzy' | 'flat' | null> {
  const data = dataOf(
    'introspection',
    await graphql(
      url,
      `
        {
          m: __type(name: "Mutation") {
            fields {
              name
            }
          }
          i: __type(name: "CreateEventInput") {
            inputFields {
              name
            }
          }
        }
      `,
    ),
  );
  const mutations = (data.m as { fields: { name: string }[] } | null)?.fields ?? [];
  if (!mutations.some((f) => f.name === 'createEvent')) return null;
  const inputs = (data.i as { inputFields: { name: string }[] } | null)?.inputFields ?? [];
  return inputs.some((f) => f.name === 'start') ? 'fuzzy' : 'flat';
}

export interface CheckResult {
  /** extensions.sql.statements of the answer; null when the answer did not carry it. */
  statements: number | null;
  /** The first GraphQL error, when the operation failed. */
  error?: string;
}

/**
 * Runs each read operation once. An operation that fails, or whose answer has no
 * extensions.sql.statements, is reported (the bench goes on and measures it anyway); a floor statement
 * whose JSON differs from the server's data for the same variables stops the bench, since every
 * server ÷ floor ratio would then be meaningless.
 */
export async function checkOperations(
  url: string,
  pool: pg.Pool,
  samples: Samples,
  rng: Prng,
  operations: Operation[] = OPERATIONS.filter((o) => !o.write),
): Promise<Record<string, CheckResult>> {
  const checks: Record<string, CheckResult> = {};
  for (const op of operations) {
    const variables = op.variables(rng, samples);
    const response = await graphql(url, op.query, variables);
    const count = response.extensions?.sql?.statements;
    checks[op.key] = { statements: typeof count === 'number' ? count : null };
    if (response.errors?.length || !response.data) {
      checks[op.key]!.error =
        `${response.errors?.[0]?.message ?? 'no data'} (variables ${JSON.stringify(variables)})`;
      continue;
    }
    const floor = FLOORS.find((f) => f.key === op.key);
    if (!floor) continue;
    const result = await pool.query<{ data: unknown }>(floor.sql, floor.params(variables));
    // A floor returns json (parsed by pg) or JSON text, as the server's compiled statements do.
    const data = result.rows[0]?.data;
    try {
      deepStrictEqual(typeof data === 'string' ? JSON.parse(data) : data, response.data);
    } catch (error) {
      throw new Error(
        `(${op.key}) the floor statement does not return the server's data for ${JSON.stringify(variables)}: ` +
          (error instanceof Error ? error.message.slice(0, 2000) : String(error)),
      );
    }
  }
  return checks;
}
