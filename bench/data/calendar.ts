// Dates as day numbers over a fixed span, with every ISO string and period boundary precomputed: the
// generator formats millions of dates and must not build a Date object for each.
//
// `lastDayOf` mirrors the database's period_last_day (integrity migration), which the event_latest_date
// trigger uses; the bulk load bypasses triggers, so the loader writes latest_date itself and the integrity
// check afterwards compares every row with period_last_day.
import type { DatePrecision } from '../../src/generated/prisma/enums.js';

export const FIRST_YEAR = 1992;
export const LAST_YEAR = 2025;
const ORIGIN = Date.UTC(FIRST_YEAR - 1, 0, 1);
const END = Date.UTC(LAST_YEAR + 2, 0, 1);
const DAY_MS = 86_400_000;

/** Number of days from 1 January FIRST_YEAR-1 to 31 December LAST_YEAR+1. */
export const DAY_COUNT = (END - ORIGIN) / DAY_MS;
/** Day number of 1 January FIRST_YEAR and of 31 December LAST_YEAR: events fall between them. */
export const FIRST_DAY = (Date.UTC(FIRST_YEAR, 0, 1) - ORIGIN) / DAY_MS;
export const LAST_DAY = (Date.UTC(LAST_YEAR, 11, 31) - ORIGIN) / DAY_MS;

const iso: string[] = [];
const year: number[] = [];
const monthStart: number[] = [];
const monthEnd: number[] = [];
const yearStart: number[] = [];
const yearEnd: number[] = [];
for (let d = 0; d < DAY_COUNT; d++) {
  const date = new Date(ORIGIN + d * DAY_MS);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  iso.push(date.toISOString().slice(0, 10));
  year.push(y);
  monthStart.push((Date.UTC(y, m, 1) - ORIGIN) / DAY_MS);
  monthEnd.push((Date.UTC(y, m + 1, 0) - ORIGIN) / DAY_MS);
  yearStart.push((Date.UTC(y, 0, 1) - ORIGIN) / DAY_MS);
  yearEnd.push((Date.UTC(y, 11, 31) - ORIGIN) / DAY_MS);
}

export const isoDate = (day: number): string => iso[day]!;
export const yearOf = (day: number): number => year[day]!;

/** The stored day of a date known to `precision`: the first day of its month or year (a CHECK requires it). */
export function alignTo(day: number, precision: DatePrecision): number {
  if (precision === 'MONTH') return monthStart[day]!;
  if (precision === 'YEAR') return yearStart[day]!;
  return day;
}

/** period_last_day(d, p): the last day of the period a date of that precision names. */
export function lastDayOf(day: number, precision: DatePrecision): number {
  if (precision === 'MONTH') return monthEnd[day]!;
  if (precision === 'YEAR') return yearEnd[day]!;
  return day;
}

/** The day of `1 January year`. */
export const firstDayOfYear = (y: number): number => (Date.UTC(y, 0, 1) - ORIGIN) / DAY_MS;
