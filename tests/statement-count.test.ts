// No N+1: the number of SQL statements a request sends is bounded by its depth, not by its row count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './helpers/graphql.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;

/** Adds `count` synthetic events, each with two participations and citations, in one statement per table. */
async function addEvents(count: number) {
  await server.db.prisma.$executeRaw`
    WITH source AS (SELECT id FROM source ORDER BY slug LIMIT 1),
    people AS (SELECT array_agg(id ORDER BY slug) AS ids FROM participant WHERE kind = 'PERSON'),
    new_events AS (
      INSERT INTO event (slug, kind, title, summary, start_date, start_precision)
      SELECT 'synthetic-' || n, 'MEETING', 'Synthetic meeting ' || n, 'Generated for the statement-count test.',
             DATE '2000-01-01' + n, 'DAY'
      FROM generate_series(1, ${count}::int) AS n
      RETURNING id),
    event_citations AS (
      INSERT INTO citation (source_id, event_id, quote) SELECT source.id, e.id, 'synthetic quote' FROM new_events e, source),
    new_participations AS (
      INSERT INTO participation (event_id, participant_id, role)
      SELECT e.id, p.ids[r.i], r.role::"ParticipationRole" FROM new_events e, people p,
        (VALUES (1, 'HOST'), (2, 'VISITOR')) AS r(i, role)
      RETURNING id)
    INSERT INTO citation (source_id, participation_id, quote) SELECT source.id, np.id, 'synthetic quote' FROM new_participations np, source`;
}

const THREE_LEVELS = graphql(`
  query ($first: Int!) {
    events(first: $first) {
      edges {
        node {
          title
          participations {
            role
            participant {
              name
              country {
                name
              }
            }
            citations {
              quote
              source {
                title
              }
            }
          }
          citations {
            quote
            source {
              title
            }
          }
        }
      }
    }
  }
`);

/** A person page: positions, 20 events, who they met. */
const PERSON_PAGE = graphql(`
  query ($first: Int!) {
    participants(first: $first, filter: { kinds: [PERSON] }) {
      edges {
        node {
          name
          positions {
            title
          }
          participations(first: 20) {
            totalCount
            edges {
              node {
                role
                event {
                  title
                  participations {
                    participant {
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

beforeAll(async () => {
  server = await startTestServer();
  await addEvents(120);
});
afterAll(async () => {
  await server?.stop();
});

describe('statements per request', () => {
  it('reports the statement count in the response extensions', async () => {
    const res = await server.gql(
      graphql(`
        {
          events(first: 1) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    expect(res.extensions?.sql?.statements).toBeGreaterThan(0);
  });

  it('issues no more statements for a 3-level query over 100 events than over 10', async () => {
    const ten = await server.gql(THREE_LEVELS, { first: 10 });
    const hundred = await server.gql(THREE_LEVELS, { first: 100 });
    expect(ten.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(dataOf(hundred).events.edges).toHaveLength(100);
    const statements10 = ten.extensions!.sql.statements as number;
    const statements100 = hundred.extensions!.sql.statements as number;
    expect(statements100).toBeLessThanOrEqual(statements10);
    // The first page is one statement whatever its depth (events → participations → participant →
    // country, citations → source): Prisma's relation joins build the whole tree in the database.
    expect(statements100).toBe(1);
  });

  it('keeps nested connections batched too (person page: positions, 20 events, who they met)', async () => {
    const one = await server.gql(PERSON_PAGE, { first: 1 });
    const all = await server.gql(PERSON_PAGE, { first: 5 });
    expect(all.errors).toBeUndefined();
    expect(all.extensions!.sql.statements).toBeLessThanOrEqual(one.extensions!.sql.statements + 1);
  });
});
