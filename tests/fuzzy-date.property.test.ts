// Property tests for dates with a precision. The rules live twice: in TypeScript (fuzzy-date.ts: labels,
// alignment checks on input) and in the database (date_matches_precision, and period_last_day, which
// fills event.latest_date for the date filters). For random dates and precisions both sides must agree
// and the period a date names must be what the label says.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/core/db/database.js';
import type { SqlSession } from '../src/core/db/sql-session.js';
import { DatePrecision } from '../src/generated/prisma/enums.js';
import { alignsWithPrecision, formatFuzzyDate } from '../src/core/graphql/fuzzy-date.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

let database: TestDatabase;
let db: Database;
let sql: SqlSession;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase(database.config);
  await db.migrate();
  sql = db.openSqlSession();
});
afterAll(async () => {
  await sql?.close();
  await db?.close();
  await database?.drop();
});

const DAY_MS = 86_400_000;
const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/** The model: the last day of the period that `date` at `precision` names (an ON_OR_BEFORE date is its own bound). */
function expectedLastDay(date: Date, precision: DatePrecision): Date {
  const y = date.getUTCFullYear();
  if (precision === 'YEAR') return new Date(Date.UTC(y, 11, 31));
  if (precision === 'MONTH') return new Date(Date.UTC(y, date.getUTCMonth() + 1, 0));
  return date;
}

// Calendar days (UTC midnight) over four centuries, so 1900 and 2100 (not leap) and 2000 (leap) occur,
// plus the days around month ends, where off-by-one errors live.
const anyDay = fc
  .integer({ min: Date.UTC(1800, 0, 1) / DAY_MS, max: Date.UTC(2200, 11, 31) / DAY_MS })
  .map((days) => new Date(days * DAY_MS));
const monthEdge = fc
  .record({
    year: fc.constantFrom(1900, 2000, 2021, 2024, 2100),
    month: fc.integer({ min: 0, max: 11 }),
    offset: fc.integer({ min: -2, max: 1 }),
  })
  .map(({ year, month, offset }) => new Date(Date.UTC(year, month + 1, offset)));
const day = fc.oneof(anyDay, monthEdge);
// Every precision the schema has: one added later is checked on both sides without editing this test.
const precision = fc.constantFrom<DatePrecision>(...Object.values(DatePrecision));
/** A date aligned to its precision, as stored: the first day of its month or year. */
const storedDate = fc.tuple(day, precision).map(([d, p]) => {
  const y = d.getUTCFullYear();
  const date =
    p === 'YEAR'
      ? new Date(Date.UTC(y, 0, 1))
      : p === 'MONTH'
        ? new Date(Date.UTC(y, d.getUTCMonth(), 1))
        : d;
  return { date, precision: p };
});

async function inDatabase(date: Date, p: DatePrecision) {
  const [row] = await sql.query<{ last: string; aligned: boolean }>(
    `SELECT period_last_day($1::date, $2::"DatePrecision")::text AS last,
            date_matches_precision($1::date, $2::"DatePrecision") AS aligned`,
    [iso(date), p],
  );
  return row!;
}

const runs = { numRuns: 300 };

describe('dates with a precision: TypeScript and the database agree', () => {
  it('alignsWithPrecision accepts exactly the dates date_matches_precision accepts', async () => {
    await fc.assert(
      fc.asyncProperty(day, precision, async (date, p) => {
        const { aligned } = await inDatabase(date, p);
        expect(alignsWithPrecision({ date, precision: p })).toBe(aligned);
      }),
      runs,
    );
  });

  it('period_last_day is the last day of the month or year (the model), never before the start', async () => {
    await fc.assert(
      fc.asyncProperty(day, precision, async (date, p) => {
        const { last } = await inDatabase(date, p);
        expect(last).toBe(iso(expectedLastDay(date, p)));
        expect(last >= iso(date)).toBe(true);
      }),
      runs,
    );
  });

  it('the stored period runs from its date to period_last_day: same label throughout, a new one the day after', async () => {
    await fc.assert(
      fc.asyncProperty(storedDate, async ({ date, precision: p }) => {
        const last = new Date(`${(await inDatabase(date, p)).last}T00:00:00Z`);
        const label = formatFuzzyDate({ date, precision: p });
        expect(formatFuzzyDate({ date: last, precision: p })).toBe(label);
        const next = addDays(last, 1);
        expect(formatFuzzyDate({ date: next, precision: p })).not.toBe(label);
        // The day after a period is the first day of the next one: aligned at the same precision.
        expect(alignsWithPrecision({ date: next, precision: p })).toBe(true);
        if (p === 'MONTH') expect(last.getUTCDate()).toBeGreaterThanOrEqual(28);
        if (p === 'YEAR') expect(iso(last).slice(5)).toBe('12-31');
        if (p === 'DAY') expect(iso(last)).toBe(iso(date));
      }),
      runs,
    );
  });
});
