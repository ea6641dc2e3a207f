// Live changes to events, for subscriptions. A write announces its change with pg_notify inside its own
// transaction, so PostgreSQL delivers it to every listening server process exactly when (and only if)
// the write commits. Each server LISTENs once and fans changes out to its subscribers in memory.
import { EventEmitter, on } from 'node:events';
import type { Database } from '../db/database.js';
import type { Listener } from '../db/sql-session.js';
import type { Logger } from '../logger.js';
import { isUuid } from '../graphql/global-id.js';

export const CHANGES_CHANNEL = 'jvlog_changes';

/** What can happen to an event, each with what it means to a subscriber. */
export const CHANGE_OPERATIONS = {
  CREATED: 'It was added to the log.',
  UPDATED: 'Its fields, participants or citations changed.',
  DELETED: 'It was deleted (hidden from reads).',
  RESTORED: 'It was brought back after a delete.',
} as const;

export type ChangeOperation = keyof typeof CHANGE_OPERATIONS;

/** What changed: an event (or its participants, citations…), by id. Small: NOTIFY payloads are < 8 kB. */
export interface EventChange {
  readonly eventId: string;
  readonly operation: ChangeOperation;
}

function parseChange(payload: string): EventChange | undefined {
  try {
    const value = JSON.parse(payload) as Partial<EventChange>;
    // Anyone who may connect to the database can NOTIFY the channel: only an event's id and a known
    // operation reach subscribers.
    if (isUuid(value.eventId) && Object.hasOwn(CHANGE_OPERATIONS, value.operation ?? ''))
      return value as EventChange;
  } catch {
    // Not ours: ignore anything else sent on the channel.
  }
  return undefined;
}

export class ChangeFeed {
  readonly #emitter = new EventEmitter();
  #listener: Listener | undefined;

  private constructor() {
    // One listener per subscriber; there is no leak to warn about.
    this.#emitter.setMaxListeners(0);
  }

  /** Starts listening on the database. */
  static async start(db: Pick<Database, 'listen'>, logger: Logger): Promise<ChangeFeed> {
    const feed = new ChangeFeed();
    feed.#listener = await db.listen(CHANGES_CHANNEL, (payload) => {
      const change = parseChange(payload);
      if (change) feed.#emitter.emit('change', change);
      else logger.warn({ channel: CHANGES_CHANNEL }, 'ignored a malformed change notification');
    });
    return feed;
  }

  /** Changes from now on, until the consumer stops (graphql-ws calls `return` when a client unsubscribes). */
  async *changes(signal?: AbortSignal): AsyncGenerator<EventChange> {
    try {
      for await (const [change] of on(this.#emitter, 'change', signal ? { signal } : {})) {
        yield change as EventChange;
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  async close(): Promise<void> {
    await this.#listener?.close();
    this.#emitter.removeAllListeners();
  }
}
