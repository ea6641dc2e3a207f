// Graceful shutdown on SIGTERM/SIGINT (what orchestrators send before killing a container): stop
// accepting connections, let in-flight requests finish, close idle keep-alive connections (both done by
// the server's `close`, see app.ts), then close the database and exit 0. If that takes longer than the
// bound, exit 1: the orchestrator will kill the process anyway, and the exit code tells it the shutdown
// was not clean.
import type { Logger } from '../logger.js';

export interface Closable {
  close(): Promise<void>;
}

export interface ShutdownOptions {
  /** Closed first: stops taking connections and waits for in-flight requests. */
  server: Closable;
  /** Closed once no request can use it any more. */
  db: Closable;
  logger: Logger;
  timeoutMs: number;
  /** Injected by tests; `process.exit` otherwise. */
  exit?: (code: number) => void;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** Returns the shutdown function; only its first call does anything (a second signal is ignored). */
export function gracefulShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  return async (signal) => {
    if (started) return;
    started = true;
    const { logger, timeoutMs } = options;
    logger.info({ signal, timeoutMs }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took longer than the bound; exiting');
      exit(1);
    }, timeoutMs);
    // Not unref'd: should the loop run dry while a close hangs, Node would exit 0 on its own.
    try {
      await options.server.close();
      await options.db.close();
    } catch (error) {
      clearTimeout(timer);
      logger.error({ err: error }, 'shutdown failed');
      exit(1);
      return;
    }
    clearTimeout(timer);
    logger.info('shut down cleanly');
    exit(0);
  };
}

/** Wires SIGTERM and SIGINT to one graceful shutdown. */
export function shutdownOnSignals(options: ShutdownOptions): void {
  const shutdown = gracefulShutdown(options);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void shutdown(signal));
  }
}
