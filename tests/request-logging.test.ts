// Request logs: one JSON line per request with a request id the client gets back, no secrets, and no
// noise from health checks. The server logs into memory here so the lines can be read back.
import http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { requestLogging } from '../src/core/server/request-logging.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function memoryLogger(level = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ write: (line: string) => void lines.push(line) }, level);
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, any>) };
}

const memory = memoryLogger();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logger: memory.logger, seed: false });
});
afterAll(async () => {
  await server?.stop();
});

/** Raw HTTP, because fetch refuses to send some of the header values tested here. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; requestId: string | undefined; body: string }>((resolve, reject) => {
    const request = http.request(`${server.url}${path}`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, requestId: res.headers['x-request-id'] as string, body }),
      );
    });
    request.on('error', reject).end();
  });
}

const completedLine = (id: string) => memory.records().find((r) => r.req?.id === id && r.res);

describe('request ids', () => {
  it('generates a UUID when the client sends none, returns it and logs the request under it', async () => {
    const { status, requestId } = await get('/graphql?query=%7B__typename%7D', {
      'apollo-require-preflight': '1',
    });
    expect(status).toBe(200);
    expect(requestId).toMatch(UUID);
    const line = completedLine(requestId!);
    expect(line).toMatchObject({ level: 30, req: { method: 'GET' }, res: { statusCode: 200 } });
    expect(line!.responseTime).toEqual(expect.any(Number));
  });

  it('keeps a sane incoming X-Request-Id', async () => {
    const id = 'client-1234_abc.DEF:5';
    expect((await get('/healthz', { 'x-request-id': id })).requestId).toBe(id);
    expect((await get('/healthz', { 'x-request-id': 'x'.repeat(128) })).requestId).toBe('x'.repeat(128));
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['with spaces', 'a b'],
    ['with a tab', 'a\tb'],
    ['with non-ASCII bytes', Buffer.from('idé', 'utf8').toString('latin1')],
  ])('replaces an id %s with a fresh UUID', async (_what, id) => {
    expect((await get('/healthz', { 'x-request-id': id })).requestId).toMatch(UUID);
  });

  it('keeps a printable id that looks like JSON as a harmless string value', async () => {
    const id = '"}{"level":60,"msg":"forged';
    expect((await get('/healthz', { 'x-request-id': id })).requestId).toBe(id);
    expect(completedLine(id)!.level).toBe(20);
    expect(memory.records().some((r) => r.level === 60)).toBe(false);
  });

  it('hands the id to the rest of the request as res.locals.requestId', async () => {
    const app = express();
    app.use(requestLogging(memoryLogger('silent').logger));
    app.get('/', (_req, res) => void res.json({ seen: res.locals.requestId }));
    const listener = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listener.once('listening', resolve));
    try {
      const { port } = listener.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { 'x-request-id': 'from-client' },
      });
      expect(await response.json()).toEqual({ seen: 'from-client' });
    } finally {
      listener.close();
    }
  });
});

describe('what the logs leave out', () => {
  it('never logs the Authorization header, cookies or API keys', async () => {
    const { requestId } = await get('/graphql?query=%7B__typename%7D', {
      'apollo-require-preflight': '1',
      authorization: 'Bearer sekrit-token-1',
      cookie: 'session=sekrit-cookie-2',
      'x-api-key': 'sekrit-key-3',
    });
    const line = completedLine(requestId!);
    expect(line!.req.headers).toMatchObject({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-api-key': '[redacted]',
    });
    expect(memory.lines.join('\n')).not.toMatch(/sekrit/);
  });

  it('logs health checks at debug only, so the info level stays quiet', async () => {
    const { requestId: health } = await get('/healthz');
    const { requestId: ready } = await get('/readyz');
    expect(completedLine(health!)!.level).toBe(20);
    expect(completedLine(ready!)!.level).toBe(20);
  });

  it('masks the password of any connection string, wherever it appears', () => {
    const { logger, lines } = memoryLogger('info');
    const url = 'postgresql://app:hunter2@db.internal:5432/jvlog';
    logger.info({ DATABASE_URL: url }, 'env');
    logger.info({ config: { DATABASE_URL: url, connectionString: url } }, 'config');
    logger.error({ err: new Error(`could not connect to ${url}`) }, 'database error');
    logger.warn(`retrying ${url}`);
    logger.info({ nested: { deeper: { url: 'postgres://u:p%40ss@h/db' } } }, 'encoded');
    expect(lines).toHaveLength(5);
    const all = lines.join('\n');
    expect(all).not.toMatch(/hunter2|p%40ss/);
    expect(all).toContain('app:***@db.internal:5432/jvlog');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
