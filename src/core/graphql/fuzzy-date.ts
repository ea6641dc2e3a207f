// Dates as precise as the sources make them.
import type { DatePrecision } from '../../generated/prisma/enums.js';
import { builder } from './builder.js';
import { DatePrecisionEnum } from './enums.js';

export interface FuzzyDateValue {
  date: Date;
  precision: DatePrecision;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "23 November 2021", "April 2021", "2021" or "on or before 24 November 2021". */
export function formatFuzzyDate({ date, precision }: FuzzyDateValue): string {
  const year = date.getUTCFullYear();
  if (precision === 'YEAR') return String(year);
  const month = MONTHS[date.getUTCMonth()]!;
  if (precision === 'MONTH') return `${month} ${year}`;
  const day = `${date.getUTCDate()} ${month} ${year}`;
  return precision === 'ON_OR_BEFORE' ? `on or before ${day}` : day;
}

/** Builds a FuzzyDate from a nullable date/precision column pair. */
export function fuzzy(date: Date | null, precision: DatePrecision | null): FuzzyDateValue | null {
  return date && precision ? { date, precision } : null;
}

export const FuzzyDate = builder.objectRef<FuzzyDateValue>('FuzzyDate').implement({
  description:
    'A date with its precision. For MONTH and YEAR precision, `date` is the first day of the period; for ON_OR_BEFORE (a date the sources do not give, only bound) it is the latest day it can be.',
  fields: (t) => ({
    date: t.expose('date', {
      type: 'Date',
      description:
        'The date (first day of the period for MONTH/YEAR; the latest possible day for ON_OR_BEFORE).',
    }),
    precision: t.expose('precision', {
      type: DatePrecisionEnum,
      description: 'How precisely the date is known.',
    }),
    label: t.string({
      description:
        'Human-readable, as precise as known: "23 November 2021", "April 2021", "2021", "on or before 24 November 2021".',
      resolve: formatFuzzyDate,
    }),
  }),
});

/**
 * Whether an end date comes before its start. An ON_OR_BEFORE start is only a bound (the start is not
 * known, and was no later than the end), so no end contradicts it.
 */
export function endsBeforeStart(
  start: { date: Date; precision?: DatePrecision | undefined },
  end: { date: Date },
): boolean {
  return start.precision !== 'ON_OR_BEFORE' && end.date < start.date;
}

/** Whether a date is the first day of the period its precision names (as the database requires). */
export function alignsWithPrecision({ date, precision }: FuzzyDateValue): boolean {
  if (precision === 'DAY' || precision === 'ON_OR_BEFORE') return true;
  if (date.getUTCDate() !== 1) return false;
  return precision === 'MONTH' || date.getUTCMonth() === 0;
}

export const FuzzyDateInput = builder.inputType('FuzzyDateInput', {
  description:
    'A date with its precision. For MONTH or YEAR precision give the first day of the period: April 2021 is 2021-04-01 with MONTH. For a date the sources do not give, give the latest it can be with ON_OR_BEFORE (often the date of the article that reports it).',
  fields: (t) => ({
    date: t.field({
      type: 'Date',
      required: true,
      description:
        'The date (first day of the period for MONTH/YEAR; the latest possible day for ON_OR_BEFORE).',
    }),
    precision: t.field({
      type: DatePrecisionEnum,
      required: false,
      defaultValue: 'DAY',
      description: 'How precisely the date is known (default DAY).',
    }),
  }),
});
