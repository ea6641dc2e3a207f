// The scaled-out deployment, for real (docs/scaling-out.md): a primary, a streaming replica made with
// pg_basebackup -R, PgBouncer in transaction mode in front of both, and two API server processes that
// read through the replica, write through the primary and listen on a direct connection to the primary.
// Every server is the test's own, on ports below 32768; all of it is stopped and deleted afterwards.
import { createClient, type Client } from 'graphql-ws';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { prepareDatabase } from '../src/app.js';
import { openDatabase, type Database } from '../src/core/db/database.js';
import { createLogger } from '../src/core/logger.js';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { freeLowPort, startReplicaTopology, type ReplicaTopology } from './helpers/replica-topology.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { fixtureBasis } from './helpers/fixture-basis.js';

let topology: ReplicaTopology | undefined;
let seeder: Database | undefined;
let replicaSql: postgres.Sql | undefined;
const servers: ServerProcess[] = [];
const clients: Client[] = [];
let a: ServerProcess;
let b: ServerProcess;
let editor: AuthHeaders;
let sourceId: string;

interface Answer {
  status: number;
  headers: Headers;
  data?: any;
  errors?: unknown[];
  extensions?: Record<string, any>;
}

async function gql(
  server: ServerProcess,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}

const CREATE = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id title } } }`;
const READ = `query ($id: ID!) { node(id: $id) { ... on Event { title } } }`;
const COUNT = `{ events(first: 1) { totalCount } }`;

async function createEvent(server: ServerProcess, title: string) {
  const answer = await gql(
    server,
    CREATE,
    {
      input: {
        kind: 'STATEMENT',
        title,
        summary: 'A statement for the replica topology test.',
        start: { date: '2026-05-01', precision: 'DAY' },
        basis: fixtureBasis('startDate'),
        citations: [{ sourceId, quote: `${title}, the ministry said.` }],
      },
    },
    editor,
  );
  expect(answer.errors).toBeUndefined();
  return {
    id: answer.data.createEvent.event.id as string,
    token: answer.extensions?.consistency?.token,
    answer,
  };
}

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  topology = await startReplicaTopology();
  const { primary, replica, bouncer } = topology;
  seeder = await openDatabase({ mode: 'postgres', url: primary.url, poolSize: 2 });
  await prepareDatabase(seeder, { seed: 'always', logger: createLogger(undefined, 'silent') });
  editor = await bearer(seeder, 'EDITOR');
  replicaSql = postgres(replica.url, { max: 1, onnotice: () => {} });
  const env = {
    DATABASE_URL: bouncer.url('primary'),
    DATABASE_REPLICA_URLS: bouncer.url('replica'),
    DATABASE_DIRECT_URL: primary.url,
    DATABASE_PGBOUNCER: 'true',
    DATABASE_POOL_SIZE: '4',
    DATABASE_REPLICA_CHECK_MS: '100',
    RESPONSE_CACHE_TTL_SECONDS: '60',
    SEED: 'never',
    LOG_LEVEL: 'warn',
  };
  const [portA, portB] = [await freeLowPort(), await freeLowPort()];
  const started = await Promise.allSettled([
    startServerProcess(env, { port: portA }),
    startServerProcess(env, { port: portB }),
  ]);
  for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  [a, b] = servers as [ServerProcess, ServerProcess];
  // A source without full text: the made-up quotes of these writes cannot be checked against one.
  const created = await gql(
    a,
    'mutation { createSource(input: { kind: OTHER, title: "Topology test notes" }) { source { id } } }',
    {},
    editor,
  );
  sourceId = created.data.createSource.source.id;
  // That write sends reads to the primary until the replica has replayed it (the cache's freshness floor).
  for (const server of [a, b]) {
    for (let tries = 0; tries < 100; tries++) {
      const read = await gql(server, `{ sources(first: 1) { totalCount } t${tries}: __typename }`);
      if (read.extensions?.consistency?.servedBy?.includes('replica 1')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.dispose()));
  await Promise.allSettled(
    servers.map(async (server) => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return;
      server.child.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      server.kill();
    }),
  );
  await replicaSql?.end({ timeout: 2 }).catch(() => {});
  await seeder?.close().catch(() => {});
  await topology?.dispose();
}, 60_000);

describe('two API processes over a primary, a streaming replica and PgBouncer', () => {
  it('serves queries from the replica and writes on the primary, with a consistency token', async () => {
    const anonymous = await gql(a, COUNT);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.extensions?.consistency).toEqual({ servedBy: ['replica 1'] });
    // The API key is looked up on the primary (a key just created may not have replicated yet).
    const keyed = await gql(a, COUNT, {}, editor);
    expect(keyed.extensions?.consistency).toEqual({ servedBy: ['primary', 'replica 1'] });
    // The replica's own statistics count the transactions it served (flushed within a few seconds).
    const committed = async () =>
      Number(
        (
          await replicaSql!<{ n: string }[]>`
            SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = 'postgres'`
        )[0]!.n,
      );
    const before = await committed();
    for (let i = 0; i < 20; i++) await gql(b, COUNT, {}, editor);
    await eventually('the replica counts 20 more transactions', async () => {
      await replicaSql!`SELECT pg_stat_clear_snapshot()`;
      return (await committed()) - before >= 20 ? true : undefined;
    });

    // A replica cannot write: the mutation succeeding is itself proof that it ran on the primary.
    const { token, answer } = await createEvent(a, 'Written on the primary');
    expect(token).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(answer.headers.get('x-consistency-token')).toBe(token);

    const ready = (await (await fetch(`${a.url}/readyz`)).json()) as Record<string, any>;
    expect(ready).toMatchObject({ status: 'ready', database: 'postgres' });
    expect(ready.replicas).toEqual([expect.objectContaining({ name: 'replica 1', state: 'streaming' })]);
  });

  it('reads a write through the other process while the replica is paused, given its token', async () => {
    await replicaSql!`SELECT pg_wal_replay_pause()`;
    try {
      const { id, token } = await createEvent(a, 'Written while the replica is paused');
      // The replica has not replayed it…
      const uuid = Buffer.from(id, 'base64')
        .toString('utf8')
        .replace(/^Event:/, '');
      const onReplica = await replicaSql!`SELECT 1 FROM event WHERE id = ${uuid}::uuid`;
      expect(onReplica).toHaveLength(0);
      // …so a read presenting the token is served by the primary, as header or request extension.
      const viaHeader = await gql(b, READ, { id }, { 'x-consistency-token': token });
      expect(viaHeader.data).toEqual({ node: { title: 'Written while the replica is paused' } });
      expect(viaHeader.extensions?.consistency).toEqual({ servedBy: ['primary'] });
      const viaExtension = await fetch(`${b.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: READ, variables: { id }, extensions: { consistency: { token } } }),
      }).then((r) => r.json() as Promise<Answer>);
      expect(viaExtension.data).toEqual({ node: { title: 'Written while the replica is paused' } });

      await replicaSql!`SELECT pg_wal_replay_resume()`;
      // Once the replica has replayed past the token, it serves that read again.
      const fromReplica = await eventually('the replica serves the read again', async () => {
        const answer = await gql(b, READ, { id }, { 'x-consistency-token': token, ...editor });
        return answer.extensions?.consistency?.servedBy?.includes('replica 1') ? answer : undefined;
      });
      expect(fromReplica.data).toEqual({ node: { title: 'Written while the replica is paused' } });
    } finally {
      await replicaSql!`SELECT pg_wal_replay_resume()`;
    }
  });

  it('delivers a write on one process to a subscriber on the other', async () => {
    const client = createClient({
      url: `${b.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    clients.push(client);
    const received = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no eventAdded within 10 s')), 10_000);
      client.subscribe(
        { query: 'subscription { eventAdded { title } }' },
        {
          next: (value) => (clearTimeout(timer), resolve(value.data)),
          error: reject,
          complete: () => {},
        },
      );
    });
    // graphql-ws gives no signal that the server has subscribed; a short pause does.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await createEvent(a, 'Heard on the other process');
    expect(await received).toEqual({ eventAdded: { title: 'Heard on the other process' } });
  });

  it("invalidates the other process's response cache", async () => {
    const first = await gql(b, COUNT);
    const again = await gql(b, COUNT);
    expect(again.headers.get('x-response-cache')).toBe('HIT');
    expect(again.data).toEqual(first.data);
    await createEvent(a, 'Counted on the other process');
    const total = first.data.events.totalCount as number;
    const fresh = await eventually(
      'the other process answers the new count',
      async () => {
        const answer = await gql(b, COUNT);
        return answer.data.events.totalCount === total + 1 ? answer : undefined;
      },
      5_000,
    );
    expect(fresh.headers.get('x-response-cache')).toBe('MISS');
  });

  it('falls back to the primary with no failed request when the replica stops', async () => {
    const failures: unknown[] = [];
    const servedBy = new Set<string>();
    let running = true;
    const load = [a, b, a, b].map(async (server, i) => {
      let n = 0;
      while (running) {
        const answer = await gql(server, COUNT, {}, i % 2 ? editor : {}).catch((error: unknown) => ({
          status: 0,
          errors: [String(error)],
        }));
        n += 1;
        if (answer.status !== 200 || answer.errors) failures.push(answer.errors ?? answer.status);
        for (const name of (answer as Answer).extensions?.consistency?.servedBy ?? []) servedBy.add(name);
      }
      return n;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await topology!.replica.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    running = false;
    const requests = (await Promise.all(load)).reduce((sum, n) => sum + n, 0);

    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(20);
    expect(servedBy).toEqual(new Set(['replica 1', 'primary']));
    const read = await gql(a, COUNT, {}, editor);
    expect(read.errors).toBeUndefined();
    expect(read.extensions?.consistency).toEqual({ servedBy: ['primary'] });
    const ready = await fetch(`${b.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as Record<string, any>).replicas).toEqual([
      expect.objectContaining({ name: 'replica 1', state: 'down' }),
    ]);
  });
});
