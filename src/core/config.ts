// Server configuration from the environment (see README, "Configuration").
import path from 'node:path';
import {
  booleanFromEnv,
  databaseConfigFromEnv,
  nonNegativeIntFromEnv,
  positiveIntFromEnv,
  type DatabaseConfig,
} from './db/config.js';
import type { SeedPolicy } from './db/bootstrap.js';
import { corsOriginsFromEnv, type CorsOrigins } from './server/cors.js';
import { DEFAULT_RESPONSE_CACHE, type ResponseCacheOptions } from './server/response-cache.js';

export interface AppConfig {
  port: number;
  host: string;
  production: boolean;
  database: DatabaseConfig;
  seed: SeedPolicy;
  /** READS_REQUIRE_KEY=true makes every read need an API key (READER or above). */
  access: { publicReads: boolean };
  /** How long a SIGTERM/SIGINT shutdown may take before the process gives up and exits 1. */
  shutdownTimeoutMs: number;
  /** Caching of public reads: RESPONSE_CACHE_TTL_SECONDS (0 turns it off), RESPONSE_CACHE_MAX_MB. */
  responseCache: ResponseCacheOptions;
  /** CORS_ORIGINS: origins whose pages may call the API (`*`, `local`, or comma-separated origins). */
  corsOrigins: CorsOrigins;
  /** COMPILED_READS=false answers every query by normal execution (see src/core/graphql/compile/). */
  compiledReads: boolean;
  /** Where the server writes the first admin key's secret when there is no key yet (see bootstrap-key.ts). */
  adminKeyFile: string | undefined;
}

/**
 * `moduleChecks` are the modules' own settings read from the environment (given by src/app.ts): each
 * throws on a bad value.
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  moduleChecks: readonly ((env: NodeJS.ProcessEnv) => unknown)[] = [],
): AppConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const database = databaseConfigFromEnv(env);
  // Modules read some settings per request (search's limits); checked here too, so that a bad value
  // stops the start instead of every request.
  for (const check of moduleChecks) check(env);
  const seed = (env.SEED ?? (database.mode === 'embedded' ? 'if-empty' : 'never')) as SeedPolicy;
  if (!['if-empty', 'never', 'always'].includes(seed))
    throw new Error(`SEED must be if-empty, never or always`);
  const production = env.NODE_ENV === 'production';
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    production,
    corsOrigins: corsOriginsFromEnv(env, production),
    adminKeyFile:
      env.ADMIN_KEY_FILE?.trim() ||
      (database.mode === 'embedded' ? path.join(database.dataDir, 'bootstrap-admin.key') : undefined),
    database,
    seed,
    shutdownTimeoutMs: positiveIntFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
    access: { publicReads: !booleanFromEnv(env, 'READS_REQUIRE_KEY') },
    compiledReads: env.COMPILED_READS?.trim().toLowerCase() !== 'false',
    responseCache: {
      ttlSeconds: nonNegativeIntFromEnv(env, 'RESPONSE_CACHE_TTL_SECONDS', DEFAULT_RESPONSE_CACHE.ttlSeconds),
      maxBytes:
        positiveIntFromEnv(env, 'RESPONSE_CACHE_MAX_MB', DEFAULT_RESPONSE_CACHE.maxBytes / 2 ** 20) * 2 ** 20,
    },
  };
}
