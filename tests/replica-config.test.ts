// The replica settings and the consistency token's format, without a database (the real topology is
// tests/replica-topology.test.ts).
import { describe, expect, it } from 'vitest';
import { databaseConfigFromEnv } from '../src/core/db/config.js';
import { formatLsn, parseLsn } from '../src/core/db/read-routing.js';

describe('replica settings', () => {
  it('are absent unless DATABASE_REPLICA_URLS is set, so one database behaves as before', () => {
    const config = databaseConfigFromEnv({ DATABASE_URL: 'postgresql://p/db' });
    expect(config).not.toHaveProperty('replicas');
    expect(config).not.toHaveProperty('pgbouncer');
    expect(config).not.toHaveProperty('directUrl');
  });

  it('read a list of replicas, their lag bound and check interval', () => {
    const config = databaseConfigFromEnv({
      DATABASE_URL: 'postgresql://p/db',
      DATABASE_REPLICA_URLS: 'postgresql://r1/db, postgresql://r2/db',
      DATABASE_REPLICA_MAX_LAG_MS: '1500',
    });
    expect(config).toMatchObject({
      replicas: { urls: ['postgresql://r1/db', 'postgresql://r2/db'], maxLagMs: 1500, checkIntervalMs: 200 },
    });
  });

  it('refuse PgBouncer without a direct URL for LISTEN, and replicas without a primary', () => {
    expect(() =>
      databaseConfigFromEnv({ DATABASE_URL: 'postgresql://b/db', DATABASE_PGBOUNCER: 'true' }),
    ).toThrow(/DATABASE_DIRECT_URL/);
    expect(() => databaseConfigFromEnv({ DATABASE_REPLICA_URLS: 'postgresql://r1/db' })).toThrow(
      /needs DATABASE_URL/,
    );
    expect(() =>
      databaseConfigFromEnv({
        DATABASE_URL: 'postgresql://p/db',
        DATABASE_REPLICA_URLS: 'x',
        DATABASE_REPLICA_MAX_LAG_MS: '-1',
      }),
    ).toThrow(/DATABASE_REPLICA_MAX_LAG_MS/);
  });
});

describe('consistency tokens', () => {
  it("are WAL positions in PostgreSQL's text form, compared as numbers", () => {
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    for (const bad of ['', '0', '0/', 'x/1', '0/123456789', '0/1; DROP'])
      expect(parseLsn(bad)).toBeUndefined();
  });
});
