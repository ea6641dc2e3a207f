// A count of events in one period (a year or a month, by start date) says which period it is and how
// many of its events are dated less precisely than that: the fields every per-period count shares
// (the relationship's PeriodCount, the dyad's DyadPeriodCount), declared once.
import type { FieldBuilderOf } from '../../core/graphql/field-builder.js';

interface PeriodRow {
  period: string;
  imprecise: number;
}

export const periodFields = <Row extends PeriodRow>(t: FieldBuilderOf<Row>) => ({
  period: t.string({
    description: 'The period: "2021" for a year, "2021-09" for a month.',
    resolve: (row) => row.period,
  }),
  imprecise: t.int({
    description:
      'How many of the events are dated less precisely than the period: an event known only to have ' +
      'happened "in 2021" is stored as 1 January and so counted in 2021-01. Read those as approximate.',
    resolve: (row) => row.imprecise,
  }),
});
