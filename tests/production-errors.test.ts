// In production mode errors keep their stable codes but never carry stack traces; in development they do,
// which is what makes the production check meaningful.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let production: TestServer;
let development: TestServer;

beforeAll(async () => {
  [production, development] = await Promise.all([
    startTestServer({ production: true }),
    startTestServer({ production: false, seed: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([production?.stop(), development?.stop()]);
});

const failing = [
  ['NOT_FOUND', `{ event(slug: "no-such-event") { slug } }`],
  ['BAD_USER_INPUT', `{ events(filter: { from: "2022-01-01", to: "2021-01-01" }) { totalCount } }`],
  ['GRAPHQL_VALIDATION_FAILED', `{ events { nope } }`],
] as const;

describe('errors in production mode', () => {
  it.each(failing)('%s keeps its code and has no stack trace', async (code, query) => {
    const res = await production.gql(query);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
  });

  it('development mode does include stack traces (so the check above can fail)', async () => {
    const res = await development.gql(failing[0][1]);
    expect(res.errors?.[0]?.extensions?.stacktrace).toEqual(expect.any(Array));
  });
});
