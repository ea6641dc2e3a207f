// Live updates over graphql-ws: a subscriber sees events created and changed through the API — in this
// process, and (on PostgreSQL) through another server process on the same database, via LISTEN/NOTIFY.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { textlessSource } from './helpers/textless-source.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { testDatabaseMode } from './helpers/test-database.js';
import { fixtureBasis } from './helpers/fixture-basis.js';

let server: TestServer;
let editor: AuthHeaders;
let sourceId: string;
const clients: Client[] = [];

const CREATE = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id version } } }`;

function input(title: string) {
  return {
    kind: 'STATEMENT',
    title,
    summary: 'A statement for the subscription test.',
    start: { date: '2026-05-01', precision: 'DAY' },
    basis: fixtureBasis('startDate'),
    citations: [{ sourceId, quote: `${title}, the ministry said.` }],
  };
}

function connect(httpUrl: string, connectionParams?: Record<string, unknown>): Client {
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    // Connection errors reach the subscription's own error sink; don't also print them.
    onNonLazyError: () => {},
  });
  clients.push(client);
  return client;
}

/** Subscribes and resolves with the first `count` results (or rejects on error / after 10 s). */
function collect<T = any>(client: Client, query: string, count: number, variables?: Record<string, unknown>) {
  const results: T[] = [];
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`received ${results.length}/${count} in time`)), 10_000);
    const unsubscribe = client.subscribe<T>(
      { query, ...(variables ? { variables } : {}) },
      {
        next: (value) => {
          if (value.errors) return reject(new Error(JSON.stringify(value.errors)));
          results.push(value.data as T);
          if (results.length === count) {
            clearTimeout(timer);
            unsubscribe();
            resolve(results);
          }
        },
        error: (error) =>
          // A refused connection arrives as a CloseEvent carrying the close code.
          reject(
            error instanceof Error
              ? error
              : Object.assign(new Error('closed'), { code: (error as { code?: number }).code }),
          ),
        complete: () => {},
      },
    );
  });
  // The server starts listening for the subscription once it has processed `subscribe`; a short pause
  // is the only signal graphql-ws gives a client.
  setTimeout(ready, 300);
  return { started, done };
}

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
  sourceId = await textlessSource(server.db);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
});

describe('subscriptions on one server', () => {
  it('delivers eventAdded for a created event and eventChanged for its update and delete', async () => {
    const client = connect(server.url);
    const added = collect(client, 'subscription { eventAdded { title summary } }', 1);
    await added.started;
    const created = await server.gql(CREATE, { input: input('Live statement') }, editor);
    expect(created.errors).toBeUndefined();
    const event = created.data.createEvent.event;
    expect(await added.done).toEqual([
      { eventAdded: { title: 'Live statement', summary: 'A statement for the subscription test.' } },
    ]);

    const changed = collect(
      client,
      'subscription ($id: ID) { eventChanged(eventId: $id) { operation event { title version } } }',
      2,
      { id: event.id },
    );
    await changed.started;
    await server.gql(
      `mutation ($id: ID!) { updateEvent(input: { id: $id, version: 1, title: "Live statement, revised" }) { event { id } } }`,
      { id: event.id },
      editor,
    );
    // A change to another event is not delivered to this filtered subscription.
    await server.gql(CREATE, { input: input('Unrelated statement') }, editor);
    await server.gql(
      `mutation ($id: ID!) { deleteEvent(input: { id: $id, version: 2 }) { event { id } } }`,
      { id: event.id },
      editor,
    );
    expect(await changed.done).toEqual([
      { eventChanged: { operation: 'UPDATED', event: { title: 'Live statement, revised', version: 2 } } },
      { eventChanged: { operation: 'DELETED', event: { title: 'Live statement, revised', version: 3 } } },
    ]);
  });

  it('delivers nothing for a write that fails', async () => {
    const client = connect(server.url);
    const added = collect(client, 'subscription { eventAdded { title } }', 1);
    await added.started;
    const refused = await server.gql(CREATE, { input: { ...input('Refused'), citations: [] } }, editor);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await server.gql(CREATE, { input: input('Accepted') }, editor);
    expect(await added.done).toEqual([{ eventAdded: { title: 'Accepted' } }]);
  });

  it('passes over a notification on its channel that is not a change it knows', async () => {
    const client = connect(server.url);
    const changed = collect(client, 'subscription { eventChanged { operation event { title } } }', 1);
    await changed.started;
    // Anyone who can connect to the database can NOTIFY the channel. An unknown operation would otherwise
    // reach the subscriber as a value its enum cannot serialise, and an id that is not a UUID as an error
    // from the database.
    const { id } = await server.db.prisma.event.findFirstOrThrow({ select: { id: true } });
    for (const foreign of [
      { eventId: id, operation: 'EXPLODED' },
      { eventId: 'not-a-uuid', operation: 'CREATED' },
      { eventId: id },
      null,
    ])
      await server.db.prisma.$executeRaw`SELECT pg_notify('jvlog_changes', ${JSON.stringify(foreign)})`;
    await server.gql(CREATE, { input: input('Known change') }, editor);
    expect(await changed.done).toEqual([
      { eventChanged: { operation: 'CREATED', event: { title: 'Known change' } } },
    ]);
  });

  it('closes a connection that presents a bad key', async () => {
    const client = connect(server.url, { authorization: 'Bearer jvlog_forged' });
    const attempt = collect(client, 'subscription { eventAdded { title } }', 1);
    await expect(attempt.done).rejects.toMatchObject({ code: 4403 });
  });
});

// Embedded PostgreSQL has one owner process, so two server processes cannot share it; there the feed is
// in-process only (tested above).
describe.runIf(testDatabaseMode === 'postgres')('subscriptions across server processes (PostgreSQL)', () => {
  let other: ServerProcess;
  beforeAll(async () => {
    other = await startServerProcess({ DATABASE_URL: server.databaseUrl!, SEED: 'never', LOG_LEVEL: 'warn' });
  }, 40_000);
  afterAll(async () => {
    if (!other || other.child.exitCode !== null) return;
    other.child.kill('SIGTERM');
    await other.exited;
  });

  it('delivers a write made through another server process, in both directions', async () => {
    const here = collect(connect(server.url), 'subscription { eventAdded { title } }', 1);
    await here.started;
    const viaOther = await fetch(`${other.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...editor },
      body: JSON.stringify({
        query: CREATE,
        variables: { input: input('Written through the other process') },
      }),
    });
    expect(viaOther.status).toBe(200);
    expect(await here.done).toEqual([{ eventAdded: { title: 'Written through the other process' } }]);

    const there = collect(connect(other.url), 'subscription { eventAdded { title } }', 1);
    await there.started;
    await server.gql(CREATE, { input: input('Written through this process') }, editor);
    expect(await there.done).toEqual([{ eventAdded: { title: 'Written through this process' } }]);
  });
});
