// Graceful shutdown. The module's decisions (order, bound, exit codes) with fakes, then the real thing:
// `src/main.ts` as a process, a request genuinely in flight when SIGTERM arrives (headers and half its
// body sent), which must still get its full answer while new connections are refused, then exit 0. And a
// request that never completes must make the process give up at the bound and exit 1.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { gracefulShutdown, type Closable } from '../src/core/server/shutdown.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';

const silent = createLogger(undefined, 'silent');

describe('gracefulShutdown (the module)', () => {
  const closable = (log: string[], name: string, ms = 0): Closable => ({
    close: () => new Promise((resolve) => setTimeout(() => (log.push(name), resolve()), ms)),
  });

  it('closes the server, then the database, then exits 0; a second signal changes nothing', async () => {
    const log: string[] = [];
    const shutdown = gracefulShutdown({
      server: closable(log, 'server', 20),
      db: closable(log, 'db'),
      logger: silent,
      timeoutMs: 1_000,
      exit: (code) => log.push(`exit ${code}`),
    });
    await Promise.all([shutdown('SIGTERM'), shutdown('SIGINT')]);
    expect(log).toEqual(['server', 'db', 'exit 0']);
  });

  it('exits 1 when closing takes longer than the bound', async () => {
    const exits: number[] = [];
    const started = Date.now();
    void gracefulShutdown({
      server: { close: () => new Promise(() => {}) },
      db: { close: async () => {} },
      logger: silent,
      timeoutMs: 100,
      exit: (code) => exits.push(code),
    })('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(exits).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('exits 1 when closing fails', async () => {
    const exits: number[] = [];
    await gracefulShutdown({
      server: { close: async () => {} },
      db: { close: () => Promise.reject(new Error('pool already ended')) },
      logger: silent,
      timeoutMs: 1_000,
      exit: (code) => exits.push(code),
    })('SIGTERM');
    expect(exits).toEqual([1]);
  });
});

/** An HTTP/1.1 POST written by hand, so that the test decides when each part of it is sent. */
function openRequest(port: number, body: string) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.on('error', () => {});
  const head =
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const half = Math.floor(body.length / 2);
  return {
    connected: new Promise<void>((resolve) => socket.once('connect', () => resolve())),
    sendFirstHalf: () => socket.write(head + body.slice(0, half)),
    sendRest: () => socket.write(body.slice(half)),
    /** Everything the server sent, once it has closed the connection. */
    closed,
  };
}

/** Whether a new TCP connection is refused, retrying briefly while the listener closes. */
async function connectionRefused(port: number, withinMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

// Each test starts a real server (tsx, PGlite, seed), which takes a while on a busy machine.
describe('SIGTERM to the real server process', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jv-shutdown-'));
  });
  afterAll(async () => {
    server?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the request in flight, refuses new connections, and exits 0 within the bound', async () => {
    server = await startServerProcess({
      DATA_DIR: dataDir,
      SEED: 'always',
      SHUTDOWN_TIMEOUT_MS: '5000',
      NODE_ENV: 'production',
    });
    const request = openRequest(server.port, JSON.stringify({ query: '{ events { totalCount } }' }));
    await request.connected;
    request.sendFirstHalf();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await server.logged(/shutting down/);
    expect(await connectionRefused(server.port)).toBe(true);
    expect(server.child.exitCode).toBeNull(); // still waiting for the request in flight

    request.sendRest();
    const answer = await request.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      data: { events: { totalCount: expect.any(Number) } },
    });

    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    const lines = server.stdout().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('shut down cleanly');
  }, 180_000);

  it('gives up at the bound and exits 1 when a request never completes', async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, SEED: 'never', SHUTDOWN_TIMEOUT_MS: '1000' });
    const request = openRequest(server.port, JSON.stringify({ query: '{ events { totalCount } }' }));
    await request.connected;
    request.sendFirstHalf(); // and never the rest
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    const took = Date.now() - signalledAt;
    expect(took).toBeGreaterThanOrEqual(1_000);
    expect(took).toBeLessThan(4_000);
    expect(server.stdout()).toMatch(/shutdown took longer than the bound/);
  }, 180_000);
});
