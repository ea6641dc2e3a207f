// HTTP-level protections, over real HTTP against the real server:
// - every response carries `X-Content-Type-Options: nosniff`, whatever route or error handler wrote it;
// - the body limit is enforced while the body arrives: an oversized upload is answered 413 as soon as
//   the limit is crossed (at once when Content-Length declares it), the connection is closed, and the
//   server reads no further; a body no route reads is not read to its end either. /healthz keeps
//   answering throughout.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let port: number;

beforeAll(async () => {
  server = await startTestServer();
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.stop();
});

describe('X-Content-Type-Options: nosniff on every response', () => {
  const graphql = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const cases: [string, () => Promise<Response>, number][] = [
    ['GraphQL POST', () => graphql('{"query":"{ __typename }"}'), 200],
    [
      'GraphQL GET',
      () =>
        fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
          headers: { 'apollo-require-preflight': 'true' },
        }),
      200,
    ],
    ['GraphQL validation error', () => graphql('{"query":"{ nope }"}'), 400],
    ['malformed JSON (error handler)', () => graphql('{"query":'), 400],
    ['413 by Content-Length', () => graphql(JSON.stringify({ query: 'x'.repeat(200_000) })), 413],
    ['CSV export', () => fetch(`${server.url}/export/events.csv`), 200],
    ['JSONL export', () => fetch(`${server.url}/export/events.jsonl`), 200],
    ['export parameter error', () => fetch(`${server.url}/export/events.csv?bogus=1`), 400],
    ['GraphiQL page', () => fetch(`${server.url}/graphiql`, { headers: { accept: 'text/html' } }), 200],
    ['GraphiQL asset', () => fetch(`${server.url}/graphiql/assets/graphiql.css`), 200],
    ['GraphiQL unknown asset', () => fetch(`${server.url}/graphiql/assets/nope.js`), 404],
    ['unknown route', () => fetch(`${server.url}/nowhere`), 404],
    [
      'other method',
      () =>
        fetch(`${server.url}/graphql`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        }),
      405,
    ],
    ['/healthz', () => fetch(`${server.url}/healthz`), 200],
    ['/readyz', () => fetch(`${server.url}/readyz`), 200],
  ];
  it.each(cases)('%s', async (_name, request, status) => {
    const response = await request();
    await response.arrayBuffer();
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

interface Upload {
  /** Status line and headers of the answer, lower-cased. */
  head: string;
  body: string;
  /** Body bytes the client had written when the answer's first byte arrived. */
  sentBeforeAnswer: number;
  msToAnswer: number;
  /** When the server closed the connection (end or reset), from the start. */
  msToClose: number;
}

const GIB = 1024 ** 3;

/**
 * A raw client that sends a request head, then streams `total` bytes of body (chunked unless the head
 * declares a Content-Length), reading the answer as it comes and stopping once the server closes.
 */
function upload(head: string, total: number, chunked: boolean): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let sent = 0;
    let sentBeforeAnswer = -1;
    let msToAnswer = -1;
    let answer = '';
    let closed = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 10 s (sent ${sent} bytes, answer: ${answer.slice(0, 200)})`));
    }, 10_000);
    const finish = () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      const [headText = '', body = ''] = answer.split('\r\n\r\n');
      resolve({
        head: headText.toLowerCase(),
        body,
        sentBeforeAnswer,
        msToAnswer,
        msToClose: performance.now() - started,
      });
    };
    socket.on('data', (data) => {
      if (msToAnswer < 0) {
        msToAnswer = performance.now() - started;
        sentBeforeAnswer = sent;
      }
      answer += data.toString('latin1');
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', () => finish()); // EPIPE / ECONNRESET: the server stopped reading and closed
    const piece = Buffer.alloc(64 * 1024, 'a');
    const frame = chunked
      ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
      : piece;
    socket.once('connect', async () => {
      socket.write(head);
      while (!closed && sent < total && !socket.destroyed) {
        const more = socket.write(frame);
        sent += piece.length;
        if (!more) {
          await new Promise<void>((r) => {
            const go = () => {
              socket.off('drain', go);
              socket.off('close', go);
              r();
            };
            socket.on('drain', go);
            socket.on('close', go);
          });
        }
      }
    });
  });
}

const postHead = (path: string, extra: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}\r\n`;

/** /healthz answers, and fast, while an upload is under way. */
async function healthzDuring<T>(work: Promise<T>): Promise<T> {
  await new Promise((r) => setTimeout(r, 50));
  const started = performance.now();
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
  return work;
}

function expect413(answer: Upload) {
  expect(answer.head).toMatch(/^http\/1\.1 413 /);
  expect(answer.head).toContain('connection: close');
  expect(answer.head).toContain('x-content-type-options: nosniff');
  expect(answer.head).toMatch(/content-type: application\/json/);
  expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
}

describe('the body limit is enforced while reading', () => {
  it('chunked, offering 1 GiB: 413 within a second of crossing 100 kB, then the connection is closed', async () => {
    const answer = await healthzDuring(
      upload(postHead('/graphql', 'Transfer-Encoding: chunked\r\n'), GIB, true),
    );
    expect413(answer);
    expect(answer.msToAnswer).toBeLessThan(1_000);
    expect(answer.msToClose).toBeLessThan(1_000);
    // What the client managed to write is the limit plus socket buffers, nowhere near the gigabyte.
    expect(answer.sentBeforeAnswer).toBeLessThan(16 * 1024 ** 2);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('Content-Length of 1 GiB: 413 before any body byte is sent, then closed', async () => {
    const answer = await new Promise<Upload>((resolve, reject) => {
      // Send the head only, and wait: the answer must come without the body.
      const socket = net.connect(port, '127.0.0.1');
      const started = performance.now();
      let text = '';
      let first = -1;
      socket.on('connect', () => socket.write(postHead('/graphql', `Content-Length: ${GIB}\r\n`)));
      socket.on('data', (d) => {
        if (first < 0) first = performance.now() - started;
        text += d.toString('latin1');
      });
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = text.split('\r\n\r\n');
        resolve({
          head: head.toLowerCase(),
          body,
          sentBeforeAnswer: 0,
          msToAnswer: first,
          msToClose: performance.now() - started,
        });
      });
      setTimeout(() => socket.destroy(new Error('no answer within 5 s')), 5_000);
    });
    expect413(answer);
    expect(answer.msToAnswer).toBeLessThan(1_000);
    expect(answer.msToClose).toBeLessThan(1_000);
  });

  it('Content-Length of 1 GiB while the client keeps sending: refused at once, the body not read', async () => {
    const answer = await healthzDuring(
      upload(postHead('/graphql', `Content-Length: ${GIB}\r\n`), GIB, false),
    );
    expect413(answer);
    expect(answer.msToAnswer).toBeLessThan(1_000);
    expect(answer.msToClose).toBeLessThan(1_000);
    expect(answer.sentBeforeAnswer).toBeLessThan(16 * 1024 ** 2);
  });

  it('a chunked body inside the limit still reaches GraphQL', async () => {
    const query = JSON.stringify({ query: '{ __typename }', variables: { pad: 'p'.repeat(80_000) } });
    const body = Buffer.from(query);
    const head = postHead('/graphql', 'Transfer-Encoding: chunked\r\nConnection: close\r\n');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let text = '';
      socket.on('connect', () => {
        socket.write(head);
        for (let i = 0; i < body.length; i += 10_000) {
          const part = body.subarray(i, i + 10_000);
          socket.write(`${part.length.toString(16)}\r\n`);
          socket.write(part);
          socket.write('\r\n');
        }
        socket.write('0\r\n\r\n');
      });
      socket.on('data', (d) => (text += d.toString('utf8')));
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"__typename":"Query"');
  });

  it('a body that no route reads (a 404) is not read to its end: the connection is closed after the answer', async () => {
    const answer = await healthzDuring(
      upload(postHead('/nowhere', 'Transfer-Encoding: chunked\r\n'), GIB, true),
    );
    expect(answer.head).toMatch(/^http\/1\.1 (404|413) /);
    expect(answer.head).toContain('x-content-type-options: nosniff');
    expect(answer.msToClose).toBeLessThan(1_000);
    expect(answer.sentBeforeAnswer).toBeLessThan(16 * 1024 ** 2);
  });
});
