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

/** "23 November 2021", "April 2021" or "2021". */
export function formatFuzzyDate({ date, precision }: FuzzyDateValue): string {
  const year = date.getUTCFullYear();
  if (precision === 'YEAR') return String(year);
  const month = MONTHS[date.getUTCMonth()]!;
  return precision === 'MONTH' ? `${month} ${year}` : `${date.getUTCDate()} ${month} ${year}`;
}

/** Builds a FuzzyDate from a nullable date/precision column pair. */
export function fuzzy(date: Date | null, precision: DatePrecision | null): FuzzyDateValue | null {
  return date && precision ? { date, precision } : null;
}

export const FuzzyDate = builder.objectRef<FuzzyDateValue>('FuzzyDate').implement({
  description:
    'A date with its precision. For MONTH and YEAR precision, `date` is the first day of the period.',
  fields: (t) => ({
    date: t.expose('date', {
      type: 'Date',
      description: 'The date (first day of the period for MONTH/YEAR).',
    }),
    precision: t.expose('precision', {
      type: DatePrecisionEnum,
      description: 'How precisely the date is known.',
    }),
    label: t.string({
      description: 'Human-readable, as precise as known: "23 November 2021", "April 2021", "2021".',
      resolve: formatFuzzyDate,
    }),
  }),
});

/** Whether a date is the first day of the period its precision names (as the database requires). */
export function alignsWithPrecision({ date, precision }: FuzzyDateValue): boolean {
  if (precision === 'DAY') return true;
  if (date.getUTCDate() !== 1) return false;
  return precision === 'MONTH' || date.getUTCMonth() === 0;
}

export const FuzzyDateInput = builder.inputType('FuzzyDateInput', {
  description:
    'A date with its precision. For MONTH or YEAR precision give the first day of the period: April 2021 is 2021-04-01 with MONTH.',
  fields: (t) => ({
    date: t.field({
      type: 'Date',
      required: true,
      description: 'The date (first day of the period for MONTH/YEAR).',
    }),
    precision: t.field({
      type: DatePrecisionEnum,
      required: false,
      defaultValue: 'DAY',
      description: 'How precisely the date is known (default DAY).',
    }),
  }),
});
