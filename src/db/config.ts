// Where the data lives. One switch: DATABASE_URL set → that PostgreSQL; unset → the embedded one.
import path from 'node:path';

export type DatabaseConfig =
  | {
      mode: 'postgres';
      url: string;
      poolSize: number;
      /** How long to wait for a new connection before failing the query (database down or far). */
      connectTimeoutMs?: number;
      /** PostgreSQL's `statement_timeout`: a statement running longer is cancelled. */
      statementTimeoutMs?: number;
    }
  | { mode: 'embedded'; dataDir: string };

export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

/** A positive integer setting, or the default when unset; anything else is a configuration error. */
export function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return intFromEnv(env, name, fallback, 1);
}

/** The same, where 0 is allowed too (it turns something off). */
export function nonNegativeIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return intFromEnv(env, name, fallback, 0);
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: 0 | 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be ${min === 0 ? '0 or ' : ''}a positive integer, got "${raw}"`);
  return value;
}

/** Reads the database configuration from the environment (see README, "Configuration"). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    return {
      mode: 'postgres',
      url,
      poolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
      connectTimeoutMs: positiveIntFromEnv(env, 'DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS),
      statementTimeoutMs: positiveIntFromEnv(
        env,
        'DATABASE_STATEMENT_TIMEOUT_MS',
        DEFAULT_STATEMENT_TIMEOUT_MS,
      ),
    };
  }
  return { mode: 'embedded', dataDir: path.resolve(env.DATA_DIR ?? '.data/pglite') };
}

/** A connection string with its password masked, safe for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
