// The last-resort Express handlers: whatever goes wrong outside GraphQL is answered in JSON with a stable
// code, and an unexpected error's details go to the log only — never to the client, in any mode.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { jsonErrorHandler, notFoundHandler } from '../src/core/server/http-errors.js';
import { requestLogging } from '../src/core/server/request-logging.js';
import { securityHeaders } from '../src/core/server/security-headers.js';

const lines: string[] = [];
const logger = createLogger({ write: (line: string) => void lines.push(line) }, 'info');
let url: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(securityHeaders);
  app.use(requestLogging(logger));
  app.get('/boom', () => {
    throw new Error('secret detail at /work/main/src/thing.ts:12');
  });
  app.get('/teapot', () => {
    throw Object.assign(new Error('short and stout'), { status: 418 });
  });
  app.use(notFoundHandler);
  app.use(jsonErrorHandler(logger));
  const listener = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => listener.once('listening', resolve));
  url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  close = () => listener.close();
});
afterAll(() => close?.());

async function get(path: string) {
  const response = await fetch(`${url}${path}`, {
    headers: { 'x-request-id': `test${path.replace(/\//g, '-')}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    nosniff: response.headers.get('x-content-type-options'),
    text: await response.text(),
  };
}

describe('JSON error handlers', () => {
  it('an unexpected error: 500 INTERNAL_SERVER_ERROR without details; the details are logged with the request id', async () => {
    const answer = await get('/boom');
    expect(answer.status).toBe(500);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.nosniff).toBe('nosniff');
    expect(JSON.parse(answer.text)).toEqual({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    const logged = lines.map((l) => JSON.parse(l)).find((r) => r.msg === 'unhandled error');
    expect(logged).toMatchObject({
      level: 50,
      req: { id: 'test-boom' },
      err: { message: expect.stringContaining('secret detail') },
    });
  });

  it('an error that carries a 4xx status keeps it and its message', async () => {
    const answer = await get('/teapot');
    expect(answer.status).toBe(418);
    expect(JSON.parse(answer.text)).toEqual({
      errors: [{ message: 'short and stout', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('an unknown route: 404 NOT_FOUND in JSON', async () => {
    const answer = await get('/nowhere');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
