// GET /export/events.csv and /export/events.jsonl: every event that passes the filter (the events
// query's filter, as query-string parameters), streamed in constant memory. On PostgreSQL the rows come
// through a server-side cursor on a connection of the export's own; on the embedded database, in keyset
// pages of events. The read rule is the API's: public unless READS_REQUIRE_KEY, then any key.
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { scopesFor, type AccessPolicy } from '../../core/auth/access.js';
import { authenticate } from '../../core/auth/authenticate.js';
import type { Database } from '../../core/db/database.js';
import { ErrorCode, HttpError, httpErrorBody, isDatabaseOutage, OUTAGE_MESSAGE } from '../../core/errors.js';
import { decodeGlobalIdOf } from '../../core/graphql/global-id.js';
import { boundOf } from '../../core/graphql/input-limits.js';
import { EventKind, PloverCategory } from '../../generated/prisma/enums.js';
import type { Logger } from '../../core/logger.js';
import { checkEventFilter, type EventFilterInput } from '../../modules/event/event.filters.js';
import {
  csvHeader,
  csvLines,
  jsonLine,
  toRecord,
  type ExportFormat,
  type ExportRecord,
} from './export-format.js';
import { exportSql, type ExportKeyset, type ExportSqlRow } from './export-query.js';

/** Rows fetched per round trip from the cursor; events per keyset page. */
const CURSOR_BATCH = 500;
const PAGE_EVENTS = 200;

export interface ExportRouterOptions {
  db: Database;
  access: AccessPolicy;
  logger: Logger;
}

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .transform((s, ctx) => {
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: 'custom', message: 'is not a calendar date' });
      return z.NEVER;
    }
    return d;
  });
const match = z.enum(['ANY', 'ALL']);
/** The bounds of the events filter's GraphQL input field `name` (src/core/graphql/input-limits.ts). */
const bound = (name: string, scalar = 'String') => boundOf(`EventFilter.${name}`, scalar, true);
const list = <T extends z.ZodType>(name: string, item: T) => {
  const { maxItems = 0 } = bound(name);
  return z.array(item).max(maxItems, `must have at most ${maxItems} items`);
};
const text = (name: string, scalar?: string) => {
  const { maxChars = 0 } = bound(name, scalar);
  return z.string().max(maxChars, `must be at most ${maxChars} characters`);
};

/** The events filter's fields, as query-string parameters (lists: comma-separated or repeated). */
const QUERY_SCHEMA = z
  .object({
    from: date.optional(),
    to: date.optional(),
    kinds: list('kinds', z.enum(EventKind)).optional(),
    cameoCodes: list('cameoCodes', text('cameoCodes')).optional(),
    ploverCategories: list('ploverCategories', z.enum(PloverCategory)).optional(),
    ploverModes: list('ploverModes', text('ploverModes')).optional(),
    ploverContexts: list('ploverContexts', text('ploverContexts')).optional(),
    quadClasses: list(
      'quadClasses',
      z.coerce.number().int().min(1, 'must be 1–4').max(4, 'must be 1–4'),
    ).optional(),
    countries: list(
      'countries',
      z.string().regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2 codes such as JP'),
    ).optional(),
    countriesMatch: match.optional(),
    participants: list('participants', text('participants', 'ID')).optional(),
    participantsMatch: match.optional(),
  })
  .strict();
const LIST_PARAMS = new Set([
  'kinds',
  'cameoCodes',
  'ploverCategories',
  'ploverModes',
  'ploverContexts',
  'quadClasses',
  'countries',
  'participants',
]);
/** Short names analysts type: `cameo=04`, `plover=CONSULT`. */
const ALIASES: Record<string, string> = { cameo: 'cameoCodes', plover: 'ploverCategories', kind: 'kinds' };

/** Parses the query string into the events filter; HttpError 400 naming the parameter at fault. */
export function filterFromQuery(query: Request['query']): EventFilterInput {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const name = ALIASES[key] ?? key;
    const values = (Array.isArray(value) ? value : [value]).map(String);
    if (values.some((v) => v.includes('\u0000')))
      throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `${key}: must not contain NUL characters`, key);
    if (LIST_PARAMS.has(name)) {
      const items = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
      raw[name] = [...((raw[name] as string[] | undefined) ?? []), ...items];
    } else {
      if (values.length !== 1)
        throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `${key}: give it once`, key);
      raw[name] = values[0];
    }
  }
  const parsed = QUERY_SCHEMA.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Named as the GraphQL check names the same field of `filter`: `participants.3`, `countries`.
    const field =
      issue.code === 'unrecognized_keys' ? issue.keys[0]! : issue.path.map(String).join('.') || 'query';
    const message = issue.code === 'unrecognized_keys' ? 'is not a filter parameter' : issue.message;
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, field);
  }
  const { participants, ...rest } = parsed.data;
  const filter: EventFilterInput = {
    ...rest,
    ...(participants
      ? {
          participants: participants.map((value, i) => {
            const id = decodeGlobalIdOf(value, ['Participant']);
            if (id) return { id };
            throw new HttpError(
              400,
              ErrorCode.BAD_USER_INPUT,
              `participants.${i}: is not the id of a Participant`,
              `participants.${i}`,
            );
          }),
        }
      : {}),
  };
  try {
    checkEventFilter(filter, 'query');
  } catch (error) {
    if (error instanceof GraphQLError) {
      const field = String(error.extensions.field ?? 'query').replace(/^query\./, '');
      throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `${field}: ${error.message}`, field);
    }
    throw error;
  }
  return filter;
}

function sendError(res: Response, error: HttpError) {
  if (error.status === 503) res.setHeader('retry-after', '1');
  if (error.status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.status(error.status).json(httpErrorBody(error.code, error.message, error.field));
}

/** Refuses the request unless the caller may read (HttpError 401/403/503). */
async function requireRead(req: Request, options: ExportRouterOptions): Promise<void> {
  let viewer;
  try {
    viewer = await authenticate(options.db.prisma, req.headers.authorization);
  } catch (error) {
    if (error instanceof GraphQLError) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, error.message);
    throw error;
  }
  if (!scopesFor(viewer, options.access).read) {
    if (viewer.kind === 'anonymous')
      throw new HttpError(
        401,
        ErrorCode.UNAUTHENTICATED,
        'The export needs an API key (Authorization: Bearer <key>)',
      );
    throw new HttpError(403, ErrorCode.FORBIDDEN, `The ${viewer.role} role may not read the export`);
  }
}

/** Writes with backpressure; resolves false once the client has gone. */
class Output {
  #closed = false;
  constructor(private readonly res: Response) {
    res.once('close', () => (this.#closed = true));
  }
  get closed() {
    return this.#closed || this.res.destroyed;
  }
  async write(chunk: string): Promise<boolean> {
    if (this.closed) return false;
    if (!this.res.write(chunk)) {
      // Wait until the socket takes more, or the client is gone; leave no listener behind.
      await new Promise<void>((resolve) => {
        const done = () => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
    }
    return !this.closed;
  }
}

/** The rows of the export in order, batch by batch, whatever the database. */
async function* exportRows(db: Database, filter: EventFilterInput): AsyncGenerator<ExportSqlRow[]> {
  const session = db.openSqlSession();
  try {
    if (session.cursor) {
      // One long statement: JIT compilation costs seconds up front and gains nothing for a row stream.
      await session.exec('SET jit = off');
      const statement = exportSql(filter);
      yield* session.cursor<ExportSqlRow>(statement.text, statement.values, CURSOR_BATCH);
      return;
    }
    let after: ExportKeyset | null = null;
    for (;;) {
      const statement = exportSql(filter, { after, limit: PAGE_EVENTS });
      const rows = await session.query<ExportSqlRow>(statement.text, statement.values);
      if (rows.length === 0) return;
      yield rows;
      const last = rows.at(-1)!;
      after = { date: last.k_date, id: last.k_id };
    }
  } finally {
    await session.close();
  }
}

/** Streams the export of `filter` in `format` to `res`; returns how many rows it wrote. */
export async function streamExport(
  db: Database,
  filter: EventFilterInput,
  format: ExportFormat,
  res: Response,
): Promise<number> {
  const out = new Output(res);
  const rows = exportRows(db, filter);
  let written = 0;
  let eventId = '';
  let citationIndex = 0;
  // The first batch is read before any byte is sent, so that a database error is still a clean 503.
  const first = await rows.next();
  res.status(200);
  res.setHeader(
    'content-type',
    format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
  );
  res.setHeader('content-disposition', `attachment; filename="events.${format}"`);
  res.setHeader('cache-control', 'no-store');
  if (format === 'csv' && !(await out.write(csvHeader()))) return written;
  const batches = (async function* () {
    if (!first.done) yield first.value;
    yield* rows;
  })();
  try {
    for await (const batch of batches) {
      const records: ExportRecord[] = batch.map((row) => {
        citationIndex = row.k_id === eventId ? citationIndex + 1 : 1;
        eventId = row.k_id;
        return toRecord(row, citationIndex);
      });
      // One batch of rows in memory at a time, whatever the size of the export.
      const chunk = format === 'csv' ? csvLines(records) : records.map(jsonLine).join('');
      written += batch.length;
      if (!(await out.write(chunk))) break; // the client went away: stop reading (closes the cursor)
    }
  } finally {
    await rows.return(undefined);
  }
  res.end();
  return written;
}

export function exportRouter(options: ExportRouterOptions): Router {
  const router = express.Router();
  const handle = (format: ExportFormat) => async (req: Request, res: Response) => {
    try {
      await requireRead(req, options);
      const filter = filterFromQuery(req.query);
      const rows = await streamExport(options.db, filter, format, res);
      (req.log ?? options.logger).info({ export: format, rows }, 'export streamed');
    } catch (error) {
      if (res.headersSent) {
        // Mid-stream: the status is gone, so cut the connection; the client sees a truncated download.
        (req.log ?? options.logger).error({ err: error }, 'export failed while streaming');
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      if (error instanceof HttpError) return sendError(res, error);
      if (isDatabaseOutage(error))
        return sendError(res, new HttpError(503, ErrorCode.SERVICE_UNAVAILABLE, OUTAGE_MESSAGE));
      (req.log ?? options.logger).error({ err: error }, 'export failed');
      sendError(res, new HttpError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
    }
  };
  router.get('/export/events.csv', handle('csv'));
  router.get('/export/events.jsonl', handle('jsonl'));
  return router;
}
