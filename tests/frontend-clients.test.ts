// The clients a frontend team installs, each run with its defaults (or the one line docs/frontend.md
// gives) against the real server over HTTP and WebSocket: Apollo Client 4 (relay-style pagination both
// ways, node refetch, cache normalisation), urql (queries as GET, which the CSRF rule allows), graphql-request
// (errors with their codes) and graphql-ws (a subscription carrying EventChange.eventId, a bad key).
// The setups are the ones docs/frontend.md shows.
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { ClientError, GraphQLClient } from 'graphql-request';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer } from './helpers/api-keys.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { textlessSource } from './helpers/textless-source.js';
import { fixtureBasis } from './helpers/fixture-basis.js';

let server: TestServer;
let editorKey: string;
let sourceId: string;

beforeAll(async () => {
  server = await startTestServer();
  editorKey = (await bearer(server.db, 'EDITOR')).authorization.replace(/^Bearer /, '');
  // The writes below cite made-up quotes: a source without full text accepts them (unverified).
  sourceId = await textlessSource(server.db);
});
afterAll(async () => server?.stop());

const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }`;
const eventInput = (title: string) => ({
  kind: 'STATEMENT',
  title,
  summary: 'Made by a client test.',
  start: { date: '2026-05-02', precision: 'DAY' },
  basis: fixtureBasis('startDate'),
  citations: [{ sourceId, quote: `${title}, the ministry said.` }],
});

const EVENTS = gql`
  query Events($first: Int, $after: String, $last: Int, $before: String) {
    events(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges {
        cursor
        node {
          id
          title
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

function apolloClient() {
  // docs/frontend.md, "Apollo Client"
  return new ApolloClient({
    link: new HttpLink({ uri: `${server.url}/graphql` }),
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { events: relayStylePagination(['filter', 'orderBy']) } } },
    }),
  });
}

describe('Apollo Client 4', () => {
  it('pages every event forward with relayStylePagination, matching totalCount', async () => {
    const client = apolloClient();
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 100; page++) {
      const { data }: { data: any } = await client.query({
        query: EVENTS,
        variables: { first: 7, after },
        fetchPolicy: 'network-only',
      });
      totalCount = data.events.totalCount;
      if (!data.events.pageInfo.hasNextPage) break;
      after = data.events.pageInfo.endCursor;
    }
    const merged: any = client.readQuery({ query: EVENTS, variables: { first: 7 } });
    expect(totalCount).toBeGreaterThan(7);
    expect(merged.events.edges).toHaveLength(totalCount);
    expect(new Set(merged.events.edges.map((e: any) => e.node.id)).size).toBe(totalCount);
  });

  it('pages backward (last/before) to the same events in the same order', async () => {
    const forward = await server.gql('{ events(first: 100) { totalCount edges { node { id } } } }');
    const ids: string[] = forward.data.events.edges.map((e: any) => e.node.id);
    expect(ids).toHaveLength(forward.data.events.totalCount);
    const client = apolloClient();
    let before: string | null = null;
    for (let page = 0; page < 100; page++) {
      const { data }: { data: any } = await client.query({
        query: EVENTS,
        variables: { last: 5, before },
        fetchPolicy: 'network-only',
      });
      if (!data.events.pageInfo.hasPreviousPage) break;
      before = data.events.pageInfo.startCursor;
    }
    const merged: any = client.readQuery({ query: EVENTS, variables: { last: 5 } });
    expect(merged.events.edges.map((e: any) => e.node.id)).toEqual(ids);
  });

  it('refetches an event through node(id) into the same normalised cache entry', async () => {
    const client = apolloClient();
    const { data }: { data: any } = await client.query({ query: EVENTS, variables: { first: 1 } });
    const event = data.events.edges[0].node;
    const refetched: { data: any } = await client.query({
      query: gql`
        query Node($id: ID!) {
          node(id: $id) {
            id
            ... on Event {
              title
              version
            }
          }
        }
      `,
      variables: { id: event.id },
    });
    expect(refetched.data.node).toMatchObject({ __typename: 'Event', id: event.id, title: event.title });
    const entry: unknown = (client.cache.extract() as Record<string, unknown>)[
      client.cache.identify({ __typename: 'Event', id: event.id })!
    ];
    expect(entry).toMatchObject({ title: event.title, version: refetched.data.node.version });
  });
});

describe('urql', () => {
  it('sends queries as GET by default, and the server answers them', async () => {
    const methods: string[] = [];
    // docs/frontend.md, "urql": the defaults, nothing else (the `fetch` wrapper only records the method)
    const client = new UrqlClient({
      url: `${server.url}/graphql`,
      exchanges: [fetchExchange],
      fetch: (input, init) => {
        methods.push(init?.method ?? 'GET');
        return fetch(input, init);
      },
    });
    const result = await client
      .query('{ events(first: 2) { totalCount edges { node { id } } } }', {})
      .toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.events.edges).toHaveLength(2);
    expect(methods).toEqual(['GET']);
  });

  it('sends mutations as POST with the key', async () => {
    const client = new UrqlClient({
      url: `${server.url}/graphql`,
      exchanges: [fetchExchange],
      fetchOptions: () => ({ headers: { authorization: `Bearer ${editorKey}` } }),
    });
    const result = await client
      .mutation(CREATE_EVENT, { input: eventInput('urql test statement') })
      .toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.createEvent.event.id).toMatch(/\S/);
  });
});

describe('graphql-request', () => {
  const client = () => new GraphQLClient(`${server.url}/graphql`);

  it('runs a query', async () => {
    const data: any = await client().request(
      'query ($n: Int) { events(first: $n) { edges { node { id } } } }',
      {
        n: 3,
      },
    );
    expect(data.events.edges).toHaveLength(3);
  });

  it('throws ClientError whose errors carry the stable code', async () => {
    const error: unknown = await client()
      .request('{ event(slug: "no-such-event") { id } }')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('sends the key as a header', async () => {
    const data: any = await new GraphQLClient(`${server.url}/graphql`, {
      headers: { authorization: `Bearer ${editorKey}` },
    }).request('{ viewer { role } }');
    expect(data.viewer.role).toBe('EDITOR');
  });
});

describe('graphql-ws', () => {
  const clients: WsClient[] = [];
  afterAll(async () => Promise.all(clients.map((c) => c.dispose())));
  const wsClient = (key?: string) => {
    // docs/frontend.md, "Subscriptions": browsers need no webSocketImpl
    const client = createWsClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: key ? { authorization: `Bearer ${key}` } : {},
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  };

  it('delivers eventChanged with the event’s id, which a client can evict from its cache', async () => {
    const client = wsClient(editorKey);
    const changes: any[] = [];
    const received = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { eventChanged { operation eventId event { id } } }' },
        {
          next: (value) => {
            changes.push(value.data?.eventChanged);
            resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    // graphql-ws gives a client no "subscribed" signal; a short pause lets the server register it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const created = await server.gql(
      CREATE_EVENT,
      { input: eventInput('graphql-ws test statement') },
      { authorization: `Bearer ${editorKey}` },
    );
    expect(created.errors).toBeUndefined();
    await received;
    const id = created.data.createEvent.event.id;
    expect(changes[0]).toEqual({ operation: 'CREATED', eventId: id, event: { id } });
  });

  it('a bad key closes the connection with 4403', async () => {
    const client = wsClient('jvlog_not-a-key');
    const closed = await new Promise<{ code?: number }>((resolve) => {
      client.subscribe(
        { query: 'subscription { eventAdded { id } }' },
        { next: () => {}, error: (e) => resolve(e as { code?: number }), complete: () => {} },
      );
    });
    expect(closed.code).toBe(4403);
  });
});
