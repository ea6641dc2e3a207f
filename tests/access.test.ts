// Who may call what: every root field declares its rule, and the rules hold over HTTP, including the
// private-reads configuration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTable } from '../src/core/auth/access.js';
import { schema } from '../src/schema.js';
import { bearer } from './helpers/api-keys.js';
import { graphql } from './helpers/graphql.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';

describe('access rules', () => {
  it('declares a rule for every root field: reads public, writes for editors, keys and audit for admins', () => {
    const table = accessTable(schema);
    expect(Object.values(table)).not.toContain('none');
    for (const [field, rule] of Object.entries(table)) {
      if (field.startsWith('Query.') && !['Query.apiKeys', 'Query.auditLog'].includes(field))
        expect(rule, field).toBe('read');
      if (field.startsWith('Subscription.')) expect(rule, field).toBe('read');
      if (field.startsWith('Mutation.') && !field.endsWith('ApiKey')) expect(rule, field).toBe('editor');
    }
    expect(table['Query.apiKeys']).toBe('admin');
    expect(table['Query.auditLog']).toBe('admin');
    expect(table['Mutation.createApiKey']).toBe('admin');
    expect(table['Mutation.revokeApiKey']).toBe('admin');
  });
});

describe('with READS_REQUIRE_KEY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ readsRequireKey: true });
  });
  afterAll(() => server?.stop());

  it('refuses anonymous reads with UNAUTHENTICATED and serves any key', async () => {
    const anonymous = await server.gql(
      graphql(`
        {
          events(first: 1) {
            totalCount
          }
        }
      `),
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.events ?? null).toBeNull();
    const reader = await bearer(server.db, 'READER');
    const read = await server.gql(
      graphql(`
        {
          events(first: 1) {
            totalCount
          }
          viewer {
            role
          }
        }
      `),
      {},
      reader,
    );
    expect(read.errors).toBeUndefined();
    expect(dataOf(read).events.totalCount).toBeGreaterThan(0);
    expect(dataOf(read).viewer.role).toBe('READER');
  });
});

describe('admin key management over GraphQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('creates a key whose secret works once shown, lists keys without secrets, and refuses editors', async () => {
    const admin = await bearer(server.db, 'ADMIN');
    const editor = await bearer(server.db, 'EDITOR');
    const created = await server.gql(
      graphql(`
        mutation {
          createApiKey(input: { name: "newsdesk", role: EDITOR }) {
            secret
            apiKey {
              id
              name
              role
              prefix
              revokedAt
            }
          }
        }
      `),
      {},
      admin,
    );
    expect(created.errors).toBeUndefined();
    const { secret, apiKey } = dataOf(created).createApiKey;
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const viewer = await server.gql(
      graphql(`
        {
          viewer {
            name
            role
          }
        }
      `),
      {},
      { authorization: `Bearer ${secret}` },
    );
    expect(dataOf(viewer).viewer).toEqual({ name: 'newsdesk', role: 'EDITOR' });
    const stored = await server.db.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(JSON.stringify(stored)).not.toContain(secret);

    const listed = await server.gql(
      graphql(`
        {
          apiKeys {
            name
            role
            prefix
          }
        }
      `),
      {},
      admin,
    );
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(dataOf(listed).apiKeys.map((k) => k.name)).toContain('newsdesk');

    const duplicate = await server.gql(
      graphql(`
        mutation {
          createApiKey(input: { name: "newsdesk", role: ADMIN }) {
            secret
          }
        }
      `),
      {},
      admin,
    );
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    const asEditor = await server.gql(
      graphql(`
        mutation {
          createApiKey(input: { name: "sneaky", role: ADMIN }) {
            secret
          }
        }
      `),
      {},
      editor,
    );
    expect(asEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const keysAsEditor = await server.gql(
      graphql(`
        {
          apiKeys {
            name
          }
        }
      `),
      {},
      editor,
    );
    expect(keysAsEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const audit = await server.gql(
      graphql(`
        {
          auditLog(filter: { entityType: "ApiKey" }) {
            edges {
              node {
                operation
                after
              }
            }
          }
        }
      `),
      {},
      admin,
    );
    const entry = dataOf(audit).auditLog.edges[0]!.node;
    expect(entry.operation).toBe('createApiKey');
    expect(JSON.stringify(entry.after)).not.toContain(secret);
    expect(entry.after).not.toHaveProperty('secretHash');
    expect(entry.after).toMatchObject({ name: 'newsdesk', role: 'EDITOR' });
  });
});
