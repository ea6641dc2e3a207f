// In production mode errors keep their stable codes but never carry stack traces. In development only
// unexpected errors carry one (checked on the formatter, which is what makes the other checks meaningful);
// a client's error (NOT_FOUND, BAD_USER_INPUT, validation) never does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErrorFormatter } from '../src/core/server/format-error.js';
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

  it.each(failing)(
    '%s has no stack trace in development mode either (a client error)',
    async (code, query) => {
      const res = await development.gql(query);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
    },
  );

  it('development mode keeps the stack trace of an unexpected error (so the checks above can fail)', () => {
    const format = createErrorFormatter({ production: false });
    const formatted = format(
      {
        message: 'boom',
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '    at x.ts:1'] },
      },
      new Error('boom'),
    );
    expect(formatted.extensions?.stacktrace).toEqual(expect.any(Array));
    const inProduction = createErrorFormatter({ production: true })(
      { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom'] } },
      new Error('boom'),
    );
    expect(inProduction).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
