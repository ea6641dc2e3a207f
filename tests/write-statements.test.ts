// What the bench's write (operation (f): createEvent with three existing participants and two citations)
// costs in SQL statements, pinned so that it cannot creep back up — and proof that the statements it
// saved did not cost correctness: the audit entries are exactly the rows as stored, the idempotency
// record holds the result, and a replay costs no write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { testDatabaseMode } from './helpers/test-database.js';
import { textlessSource } from './helpers/textless-source.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';
import { seedRecords } from './helpers/seed-records.js';
import { fixtureBasis } from './helpers/fixture-basis.js';
import { graphql, type VariablesOf } from './helpers/graphql.js';

let server: TestServer;
let editor: AuthHeaders & { keyId: string };
let ids: { kishi: string; giang: string; china: string; sources: [string, string] };

// The bench's own selection (bench/operations.ts, createEvent).
const CREATE = graphql(`
  mutation CreateEvent($input: CreateEventInput!, $key: String) {
    createEvent(input: $input, idempotencyKey: $key) {
      replayed
      event {
        id
      }
    }
  }
`);
type EventInput = VariablesOf<typeof CREATE>['input'];

/**
 * Statements per createEvent of the bench's shape with a fresh idempotency key: the API key lookup;
 * then, in the transaction, the key's claim, one preflight (ids, slug), one INSERT of event,
 * participations and citations, one read of what was written (for the audit), one statement for audit
 * entries + idempotency result + NOTIFY; the payload comes from that read. On PostgreSQL the driver
 * adapter also sends COMMIT through the counted path (PGlite's adapter does not).
 */
const CREATE_STATEMENTS = testDatabaseMode === 'postgres' ? 7 : 6;
/** A replay: the API key, the failed claim, the earlier record, (COMMIT,) and the payload's read. */
const REPLAY_STATEMENTS = testDatabaseMode === 'postgres' ? 5 : 4;

function benchInput(n: number): EventInput {
  return {
    kind: 'MEETING',
    title: `Bench write ${n}: Japan–Vietnam maritime security talks`,
    summary: 'The two defence ministers discussed maritime security and capacity building in Hanoi.',
    start: { date: '2024-03-10', precision: 'DAY' },
    basis: fixtureBasis('startDate'),
    participants: [
      { participantId: ids.kishi, role: 'VISITOR' },
      { participantId: ids.giang, role: 'HOST' },
      { participantId: ids.china, role: 'SUBJECT' },
    ],
    citations: [
      { sourceId: ids.sources[0], quote: 'The two defence ministers discussed maritime security in Hanoi.' },
      { sourceId: ids.sources[1], quote: 'They agreed to step up consultations on capacity building.' },
    ],
  };
}

/** An event's own fields (no relation): what the payload of a create answers from the written row. */
const OWN_FIELDS = graphql(`
  fragment OwnFields on Event {
    id
    slug
    version
    title
    summary
    start {
      date
      precision
    }
    end {
      date
    }
    placeName
  }
`);

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const json = (row: object) => JSON.parse(JSON.stringify(row)) as unknown;

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
  const seed = await seedRecords(server);
  ids = {
    kishi: seed.kishi.id,
    giang: seed.giang.id,
    china: seed.china.id,
    sources: [await textlessSource(server.db), await textlessSource(server.db, 'Other test notes')],
  };
});
afterAll(() => server?.stop());

describe('createEvent (bench operation f) in SQL statements', () => {
  it(`takes ${CREATE_STATEMENTS} statements with 3 participants and 2 citations, and writes all of it`, async () => {
    const res = await server.gql(CREATE, { input: benchInput(1), key: 'pinned-1' }, editor);
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).createEvent.replayed).toBe(false);
    expect(res.extensions?.sql?.statements).toBe(CREATE_STATEMENTS);

    const eventId = rawId(dataOf(res).createEvent.event.id);
    const p = server.db.prisma;
    const event = await p.event.findUniqueOrThrow({
      where: { id: eventId },
      include: { citations: true, participations: { include: { citations: true } } },
    });
    expect(event.participations).toHaveLength(3);
    expect(event.citations).toHaveLength(2);
    // Participations without citations of their own rest on the event's.
    for (const participation of event.participations) expect(participation.citations).toHaveLength(2);
    // Computed by the database while the transaction ran: the audit snapshot must have them too.
    expect(event.latestDate).toEqual(new Date('2024-03-10'));
    expect(event.countryIds).toHaveLength(3); // Japan, Viet Nam (through their ministers), China

    // One audit entry per row written, each the row exactly as stored.
    const { participations, citations, ...eventRow } = event;
    const stored = new Map<string, object>([
      [eventRow.id, eventRow],
      ...participations.map(({ citations: _, ...row }) => [row.id, row] as [string, object]),
      ...[...citations, ...participations.flatMap((x) => x.citations)].map(
        (row) => [row.id, row] as [string, object],
      ),
    ]);
    const audit = await p.auditEntry.findMany({
      where: { entityId: { in: [...stored.keys()] } },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.entityType).sort()).toEqual([
      'Citation',
      'Citation',
      'Citation',
      'Citation',
      'Citation',
      'Citation',
      'Citation',
      'Citation',
      'Event',
      'Participation',
      'Participation',
      'Participation',
    ]);
    for (const entry of audit) {
      expect(entry).toMatchObject({
        operation: 'createEvent',
        action: 'CREATE',
        apiKeyId: editor.keyId,
        before: null,
      });
      expect(entry.after).toEqual(json(stored.get(entry.entityId)!));
    }
    const record = await p.idempotencyRecord.findUniqueOrThrow({
      where: { apiKeyId_key: { apiKeyId: editor.keyId, key: 'pinned-1' } },
    });
    expect(record).toMatchObject({ operation: 'createEvent', result: { id: eventId } });
  });

  it(`replays a retry in ${REPLAY_STATEMENTS} statements, writing nothing`, async () => {
    const input = benchInput(2);
    const first = await server.gql(CREATE, { input, key: 'pinned-2' }, editor);
    const audits = await server.db.prisma.auditEntry.count();
    const retry = await server.gql(CREATE, { input, key: 'pinned-2' }, editor);
    expect(retry.errors).toBeUndefined();
    expect(dataOf(retry).createEvent).toEqual({ replayed: true, event: dataOf(first).createEvent.event });
    expect(retry.extensions?.sql?.statements).toBe(REPLAY_STATEMENTS);
    expect(await server.db.prisma.auditEntry.count()).toBe(audits);
  });

  it('costs as many statements with 6 participants as with 3 (no statement per participant)', async () => {
    const people = await server.gql(
      graphql(`
        {
          participants(first: 6) {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
    );
    const six: EventInput['participants'] = dataOf(people).participants.edges.map((e) => ({
      participantId: e.node.id,
      role: 'ATTENDEE',
    }));
    expect(six).toHaveLength(6);
    const res = await server.gql(
      CREATE,
      { input: { ...benchInput(3), participants: six }, key: 'pinned-3' },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.sql?.statements).toBe(CREATE_STATEMENTS);
  });

  it('answers a slug race with CONFLICT, not an internal error (the one INSERT maps its refusals too)', async () => {
    const input = { ...benchInput(4), slug: 'raced-slug' };
    const results = await Promise.all([
      server.gql(CREATE, { input }, editor),
      server.gql(CREATE, { input }, editor),
    ]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    const loser = results.find((r) => r.errors !== undefined)!;
    // Refused by the preflight (input.slug) or, if both passed it, by the unique index (slug).
    expect(loser.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(loser.errors![0]!.extensions!.field).toMatch(/^(input\.)?slug$/);
  });

  it('answers a payload of the event’s own fields from the written row, as a later read sees it', async () => {
    const res = await server.gql(
      graphql(
        `
          mutation ($input: CreateEventInput!) {
            createEvent(input: $input) {
              event {
                ...OwnFields
              }
            }
          }
        `,
        [OWN_FIELDS],
      ),
      { input: benchInput(5) },
      editor,
    );
    expect(res.errors).toBeUndefined();
    // Without an idempotency key there is no claim; and no read after the transaction.
    expect(res.extensions?.sql?.statements).toBe(CREATE_STATEMENTS - 1);
    const event = dataOf(res).createEvent.event;
    const read = await server.gql(
      graphql(
        `
          query ($id: ID!) {
            node(id: $id) {
              ... on Event {
                ...OwnFields
              }
            }
          }
        `,
        [OWN_FIELDS],
      ),
      { id: event.id },
    );
    expect(event).toEqual(dataOf(read).node);
    expect(event).toMatchObject({ version: 1, start: { date: '2024-03-10' } });
  });
});
