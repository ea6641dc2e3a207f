// A record's date as reads serve it: the `<name>Date`/`<name>Precision` column pair that writes fill
// (`dateColumns` in write/input-fields.ts), read the same way for every date of every record.
import type { DatePrecision } from '../../generated/prisma/enums.js';
import { FuzzyDate, fuzzy } from './fuzzy-date.js';

type DateColumns<N extends string> = Record<`${N}Date`, Date | null> &
  Record<`${N}Precision`, DatePrecision | null>;
const column = <K extends string, V>(row: Record<K, V>, key: K): V => row[key];

/** Options of a nullable FuzzyDate field read from the columns `<name>Date` and `<name>Precision`. */
export function fuzzyDateField<N extends string>(name: N, description: string) {
  const date: `${N}Date` = `${name}Date`;
  const precision: `${N}Precision` = `${name}Precision`;
  return {
    type: FuzzyDate,
    nullable: true,
    description,
    select: { [date]: true, [precision]: true } as Record<`${N}Date` | `${N}Precision`, true>,
    resolve: (row: DateColumns<N>) =>
      fuzzy(
        column<`${N}Date`, Date | null>(row, date),
        column<`${N}Precision`, DatePrecision | null>(row, precision),
      ),
  } as const;
}
