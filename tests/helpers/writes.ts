// What the write tests of every domain share (tests/<domain>/*.writes.test.ts, tests/writes.test.ts): a
// server on a fresh copy of the seeded database for each test, API keys of each role, the records they
// build on, and the checks every write test makes — a refusal that names its field and writes nothing, an
// audit trail per entity.
//
// A test file calls `useWriteServer()` once at its top level; the bindings below are then set for each of
// its tests (ES modules' live bindings: each file that imports them sees the values its own hooks set,
// since a worker runs one file, and one test, at a time). A database per test means no test depends on
// what another wrote before it, so each can run, and fail, alone.
import { print, type DocumentNode } from 'graphql';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { bearer, type AuthHeaders } from './api-keys.js';
import { defineScenario, seedScenario, type Scenario } from './scenario.js';
import { seedRecords } from './seed-records.js';
import { graphql } from './graphql.js';
import { dataOf, startTestServer, type TestServer } from './test-server.js';

export let server: TestServer;
export let editor: AuthHeaders;
export let admin: AuthHeaders;
export let reader: AuthHeaders;

/** The records the write tests build on: a scenario of their own, and seed records they only refer to. */
export let ids: {
  kishi: string;
  giang: string;
  japan: string;
  vietnam: string;
  modJapan: string;
  source: string;
  event: string;
  participation: string;
  kishiPosition: string;
  giangPosition: string;
};

/**
 * Records the tests write against, made for each file. `notes`: a source the log holds no full text of,
 * so that the tests' made-up quotes are accepted (unverified); a seeded article would refuse them.
 */
export const WRITES_SCENARIO = defineScenario({
  source: { notes: { slug: 'test-notes', kind: 'OTHER', title: 'Test notes without a full text' } },
});
export let scenario: Scenario<typeof WRITES_SCENARIO>;

const FIRST_EVENT = graphql(`
  {
    events(first: 1) {
      edges {
        node {
          id
          participations {
            id
          }
        }
      }
    }
  }
`);

/** Starts, for each test, a server on its own copy of the seeded database, and writes the scenario. */
export function useWriteServer(): void {
  // Stopped servers' databases are dropped while the next tests run: on PostgreSQL, DROP DATABASE waits
  // for a checkpoint. The file waits for all of them at its end.
  const stopping: Promise<void>[] = [];
  let running: TestServer | undefined;
  beforeEach(async () => {
    server = running = await startTestServer();
    editor = await bearer(server.db, 'EDITOR');
    admin = await bearer(server.db, 'ADMIN');
    reader = await bearer(server.db, 'READER');
    scenario = await seedScenario(server.db.prisma, WRITES_SCENARIO);
    const seed = await seedRecords(server);
    const event = dataOf(await server.gql(FIRST_EVENT)).events.edges[0]!.node;
    ids = {
      kishi: seed.kishi.id,
      giang: seed.giang.id,
      japan: seed.japan.id,
      vietnam: seed.vietnam.id,
      modJapan: seed.modJapan.id,
      source: scenario.source.notes,
      event: event.id,
      participation: event.participations[0]!.id,
      kishiPosition: seed.kishi.positions[0]!.id,
      giangPosition: seed.giang.positions[0]!.id,
    };
  });
  afterEach(() => {
    if (running) stopping.push(running.stop());
    running = undefined;
  });
  afterAll(async () => {
    await Promise.all(stopping);
  });
}

export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
export const gid = (type: string, uuid = UNKNOWN_UUID) => Buffer.from(`${type}:${uuid}`).toString('base64');
export const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

/** Row counts of every table a write can touch. */
export async function counts() {
  const p = server.db.prisma;
  const [participants, positions, events, participations, agreements, agreementParties] = await Promise.all([
    p.participant.count(),
    p.position.count(),
    p.event.count(),
    p.participation.count(),
    p.agreement.count(),
    p.agreementParty.count(),
  ]);
  const [sources, remarks, citations, audit, idempotency] = await Promise.all([
    p.source.count(),
    p.remark.count(),
    p.citation.count(),
    p.auditEntry.count(),
    p.idempotencyRecord.count(),
  ]);
  return {
    participants,
    positions,
    events,
    participations,
    agreements,
    agreementParties,
    sources,
    remarks,
    citations,
    audit,
    idempotency,
  };
}

/** Sends a mutation that must fail with `code` naming `field`, and checks that it wrote nothing. */
export async function refused(
  query: string | DocumentNode,
  variables: Record<string, unknown>,
  code: string,
  field?: string,
) {
  const before = await counts();
  // Printed: a refusal's variables are often not what the document's types allow, on purpose.
  const res = await server.gql(typeof query === 'string' ? query : print(query), variables, editor);
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  if (field !== undefined) expect(res.errors?.[0]?.extensions?.field).toBe(field);
  expect(await counts()).toEqual(before);
  return res.errors![0]!;
}

const AUDIT_TRAIL = graphql(`
  query ($id: ID!) {
    auditLog(first: 50, filter: { entityId: $id }) {
      edges {
        node {
          operation
          action
          before
          after
          apiKey {
            role
          }
        }
      }
    }
  }
`);

/**
 * The audit log about one entity, oldest first, as `operation:action`, read with the ADMIN key; an entry's
 * `before` and `after` are the record's JSON snapshots.
 */
export async function auditTrail(entityId: string) {
  const res = await server.gql(AUDIT_TRAIL, { id: entityId }, admin);
  const nodes = dataOf(res)
    .auditLog.edges.map((e) => e.node)
    .reverse();
  for (const node of nodes) expect(node.apiKey.role).toBe('EDITOR');
  return { actions: nodes.map((n) => `${n.operation}:${n.action}`), entries: nodes };
}

export const cite = (quote: string, sourceId = ids.source) => ({ sourceId, quote });
