// Every limit the API enforces on what a client sends, declared once: the operation pipeline, the HTTP
// body parser, the WebSocket server and the docs (docs/limits.md, checked by a test) all read this table.
// A limit applies identically on HTTP and on WebSocket unless its `transport` says otherwise.
import { ErrorCode } from '../errors.js';
import { MAX_PAGE_SIZE } from '../graphql/builder.js';

export interface LimitDeclaration {
  /** The number enforced. */
  readonly value: number;
  /** The `extensions.code` a client gets when over it. */
  readonly code: ErrorCode;
  /** What is counted, for the docs. */
  readonly counts: string;
  /** The measured quantity, as a refusal names it ("Query depth is 14, over the limit of 12"). */
  readonly label: string;
  readonly transport: 'HTTP and WebSocket' | 'HTTP' | 'WebSocket';
}

export const LIMITS = {
  messageBytes: {
    label: 'The message size',
    value: 100 * 1024,
    code: ErrorCode.PAYLOAD_TOO_LARGE,
    counts:
      'bytes in one HTTP request body or WebSocket message (a WebSocket message over it closes the socket with 1009)',
    transport: 'HTTP and WebSocket',
  },
  tokens: {
    label: 'The number of tokens',
    value: 5_000,
    code: ErrorCode.QUERY_TOO_LARGE,
    counts: 'lexical tokens in one GraphQL document (the parser stops at the limit)',
    transport: 'HTTP and WebSocket',
  },
  depth: {
    label: 'Query depth',
    value: 12,
    code: ErrorCode.QUERY_TOO_DEEP,
    counts:
      'nested selections, fragments included (introspection is bounded by graphql-js’s own introspection-depth rule instead)',
    transport: 'HTTP and WebSocket',
  },
  schemaFields: {
    label: 'The number of `__schema` fields',
    value: 1,
    code: ErrorCode.QUERY_TOO_COMPLEX,
    counts: '`__schema` fields in one operation, fragments expanded',
    transport: 'HTTP and WebSocket',
  },
  aliases: {
    label: 'The number of aliases',
    value: 50,
    code: ErrorCode.QUERY_TOO_COMPLEX,
    counts: 'aliased fields in one operation, each fragment counted as often as it is spread',
    transport: 'HTTP and WebSocket',
  },
  directives: {
    label: 'The number of directives',
    value: 50,
    code: ErrorCode.QUERY_TOO_COMPLEX,
    counts: 'directives in one operation, each fragment counted as often as it is spread',
    transport: 'HTTP and WebSocket',
  },
  cost: {
    label: 'Query cost',
    value: 25_000,
    code: ErrorCode.QUERY_TOO_COMPLEX,
    counts:
      'estimated cost: 1 per field plus its children, a connection multiplied by the page size it asks for (reported in `extensions.cost`)',
    transport: 'HTTP and WebSocket',
  },
  pageSize: {
    label: 'The page size',
    value: MAX_PAGE_SIZE,
    code: ErrorCode.BAD_USER_INPUT,
    counts: '`first`/`last` of any connection (never silently clamped)',
    transport: 'HTTP and WebSocket',
  },
  subscriptionsPerConnection: {
    label: 'The number of operations on this WebSocket',
    value: 20,
    code: ErrorCode.TOO_MANY_SUBSCRIPTIONS,
    counts: 'operations running at once on one WebSocket',
    transport: 'WebSocket',
  },
  subscriptionsPerProcess: {
    label: 'The number of operations on this server',
    value: 2_000,
    code: ErrorCode.TOO_MANY_SUBSCRIPTIONS,
    counts: 'operations running at once on all WebSockets of one server process',
    transport: 'WebSocket',
  },
  webSocketConnections: {
    label: 'The number of WebSockets',
    value: 1_000,
    code: ErrorCode.SERVICE_UNAVAILABLE,
    counts: 'open WebSockets per server process (the upgrade is answered 503 beyond it)',
    transport: 'WebSocket',
  },
} as const satisfies Record<string, LimitDeclaration>;

export type LimitName = keyof typeof LIMITS;
/** The values in force; a server may be started with some of them lowered (tests) or raised. */
export type LimitValues = { readonly [Name in LimitName]: number };

export const DEFAULT_LIMIT_VALUES: LimitValues = Object.fromEntries(
  Object.entries(LIMITS).map(([name, limit]) => [name, limit.value]),
) as LimitValues;
