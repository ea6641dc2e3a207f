// Sends one GraphQL operation over HTTP POST or over WebSocket (graphql-transport-ws, spoken by hand so
// that every frame the server sends is seen), and answers alike for both, so a test can run each case
// on each transport.
import WebSocket from 'ws';

export type Transport = 'http' | 'websocket';
export const TRANSPORTS: Transport[] = ['http', 'websocket'];

export interface OperationPayload {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

export interface TransportAnswer {
  /** HTTP status; for WebSocket, 200 for a `next` frame and 400 for an `error` frame. */
  status: number;
  data?: unknown;
  errors: { message: string; extensions?: Record<string, any> }[];
  /** Every byte the server sent, to look for leaks. */
  raw: string;
  ms: number;
}

export const codesOf = (answer: Pick<TransportAnswer, 'errors'>) =>
  answer.errors.map((e) => e.extensions?.code);

export async function send(
  transport: Transport,
  baseUrl: string,
  payload: OperationPayload,
  connectionParams: Record<string, unknown> = {},
): Promise<TransportAnswer> {
  const started = Date.now();
  if (transport === 'http') {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(20_000),
    });
    const raw = await response.text();
    const body = JSON.parse(raw) as { data?: unknown; errors?: TransportAnswer['errors'] };
    return {
      status: response.status,
      data: body.data,
      errors: body.errors ?? [],
      raw,
      ms: Date.now() - started,
    };
  }
  const socket = await openSocket(baseUrl, connectionParams);
  try {
    const frame = await socket.operation(payload);
    return { ...frame, ms: Date.now() - started };
  } finally {
    socket.close();
  }
}

export interface TestSocket {
  ws: WebSocket;
  /** Subscribes and resolves with the first `next` or `error` frame for it. */
  operation(payload: OperationPayload, id?: string): Promise<Omit<TransportAnswer, 'ms'>>;
  /** Subscribes without waiting (for subscriptions that deliver nothing yet). */
  subscribe(payload: OperationPayload, id: string): void;
  complete(id: string): void;
  /** Frames received so far. */
  frames: { id?: string; type: string; payload?: any }[];
  /** Resolves with the close code. */
  closed: Promise<number>;
  close(): void;
}

let nextId = 0;

export async function openSocket(
  baseUrl: string,
  connectionParams: Record<string, unknown> = {},
): Promise<TestSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const frames: TestSocket['frames'] = [];
  const raws: string[] = [];
  const waiters = new Map<string, (frame: { type: string; payload?: any; raw: string }) => void>();
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (data) => {
    const raw = String(data);
    raws.push(raw);
    const frame = JSON.parse(raw);
    frames.push(frame);
    if (frame.id && (frame.type === 'next' || frame.type === 'error'))
      waiters.get(frame.id)?.({ ...frame, raw });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: connectionParams })));
    ws.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve();
    });
    ws.once('close', (code) => reject(new Error(`closed with ${code} before connection_ack`)));
  });
  const subscribe = (payload: OperationPayload, id: string) =>
    ws.send(JSON.stringify({ id, type: 'subscribe', payload }));
  return {
    ws,
    frames,
    closed,
    subscribe,
    complete: (id) => ws.send(JSON.stringify({ id, type: 'complete' })),
    operation(payload, id = `op${++nextId}`) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${id} in 20 s`)), 20_000);
        void closed.then((code) => reject(new Error(`socket closed with ${code}`)));
        waiters.set(id, (frame) => {
          clearTimeout(timer);
          const errors = frame.type === 'error' ? frame.payload : (frame.payload.errors ?? []);
          resolve({
            status: frame.type === 'error' ? 400 : 200,
            data: frame.type === 'next' ? frame.payload.data : undefined,
            errors,
            raw: frame.raw,
          });
        });
        subscribe(payload, id);
      });
    },
    close: () => ws.close(),
  };
}
