// (f), the write: createEvent with an EDITOR API key. The key is made with the project's own
// createApiKey (src/core/auth/api-keys.ts), loaded at run time so that the bench still type-checks and runs
// where that module does not exist yet; the events written are deleted afterwards (their participations
// and citations go with them), so the dataset stays the same from run to run. The key is revoked.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { openDatabase } from '../src/core/db/database.js';
import { createEvent, createEventInput, WRITE_TITLE_PREFIX, type Samples } from './operations.js';

interface ApiKeysModule {
  createApiKey(prisma: unknown, input: { name: string; role: 'EDITOR' }): Promise<{ secret: string }>;
  revokeApiKey?(prisma: unknown, nameOrId: string): Promise<unknown>;
}

async function apiKeysModule(): Promise<ApiKeysModule | null> {
  const specifier = new URL('../src/core/auth/api-keys.ts', import.meta.url).href;
  try {
    const mod = (await import(specifier)) as Partial<ApiKeysModule>;
    return typeof mod.createApiKey === 'function' ? (mod as ApiKeysModule) : null;
  } catch {
    return null;
  }
}

export interface WriteSetup {
  headers: Record<string, string>;
  body(rng: import('./data/prng.js').Prng): string;
  cleanup(): Promise<number>;
}

/** An EDITOR key and a request generator for (f); null (with the reason) when the server cannot take it. */
export async function prepareWrites(
  databaseUrl: string,
  pool: pg.Pool,
  samples: Samples,
  dateShape: 'fuzzy' | 'flat',
): Promise<WriteSetup | string> {
  const keys = await apiKeysModule();
  if (!keys) return 'src/core/auth/api-keys.ts has no createApiKey yet';
  const name = `bench-${randomUUID().slice(0, 8)}`;
  const db = await openDatabase({ mode: 'postgres', url: databaseUrl, poolSize: 1 });
  let secret: string;
  try {
    ({ secret } = await keys.createApiKey(db.prisma, { name, role: 'EDITOR' }));
  } finally {
    await db.close();
  }
  const run = randomUUID().slice(0, 8);
  let n = 0;
  return {
    headers: { authorization: `Bearer ${secret}` },
    body: (rng) => {
      n++;
      return JSON.stringify({
        query: createEvent.query,
        variables: { input: createEventInput(rng, samples, dateShape, n), key: `${run}-${n}` },
      });
    },
    async cleanup() {
      const { rowCount } = await pool.query(`DELETE FROM event WHERE title LIKE $1`, [
        `${WRITE_TITLE_PREFIX} %`,
      ]);
      if (keys.revokeApiKey) {
        const again = await openDatabase({ mode: 'postgres', url: databaseUrl, poolSize: 1 });
        try {
          await keys.revokeApiKey(again.prisma, name);
        } finally {
          await again.close();
        }
      }
      return rowCount ?? 0;
    },
  };
}
