// A short soak in every test run (`npm run soak -- --seconds N` runs a long one): mixed load, a database
// crash in the middle, and then the proof that every acknowledged write is stored exactly once, with its
// audit entry, and that no request hung while the database was away.
import { describe, expect, it } from 'vitest';
import { runSoak } from './soak/soak.js';

describe('soak with a database crash', () => {
  it('loses no acknowledged write, doubles none, keeps the audit log in step and recovers by itself', async () => {
    const report = await runSoak({ seconds: 12, clients: 6, downtimeMs: 2000 });
    expect(report.check).toEqual({
      storedOnce: report.writes.acknowledged,
      missing: [],
      duplicated: [],
      unexpected: [],
      auditMismatches: [],
    });
    expect(report.writes.acknowledged).toBeGreaterThan(10);
    expect(report.writes.abandoned).toBe(0);
    // The outage was felt (the test really crashed the database) and answered as such.
    expect(report.errorsByCode.SERVICE_UNAVAILABLE ?? 0).toBeGreaterThan(0);
    // The server's log first: it says what went wrong where a client only saw a code.
    expect(report.unexpectedServerErrors).toEqual([]);
    expect(Object.keys(report.errorsByCode).filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(report.outage.firstSuccessAfterUpMs).not.toBeNull();
    expect(report.slowestRequestMs).toBeLessThan(10_000);
    expect(report.passed).toBe(true);
  }, 120_000);
});
