// Turns the events filter into a Prisma `where`. Kept apart from the schema so that other views
// (the relationship view, exports) filter events exactly the same way.
import type { Prisma } from '../generated/prisma/client.js';
import type { EventKind } from '../generated/prisma/enums.js';
import { badInput } from '../errors.js';

export interface EventFilterInput {
  from?: Date | null;
  to?: Date | null;
  kinds?: EventKind[] | null;
  cameoCodes?: string[] | null;
  /** Decoded global ids of participants. */
  participants?: { id: string }[] | null;
  participantsMatch?: 'ANY' | 'ALL' | null;
  countries?: string[] | null;
  countriesMatch?: 'ANY' | 'ALL' | null;
}

/** Events involving a country: the country itself, or a person or body belonging to it, took part. */
export function involvesCountry(isoCode: string): Prisma.EventWhereInput {
  return {
    participations: {
      some: { participant: { OR: [{ isoCode }, { country: { isoCode } }] } },
    },
  };
}

/**
 * `from`/`to` respect date precision: an event matches when the period it may have taken place in
 * overlaps [from, to]. An event "in April 2021" matches a filter from 2021-04-15.
 */
export function eventWhere(filter: EventFilterInput | null | undefined): Prisma.EventWhereInput {
  const and: Prisma.EventWhereInput[] = [{ deletedAt: null }];
  if (!filter) return { AND: and };
  if (filter.from && filter.to && filter.from > filter.to) {
    throw badInput('filter.to', '`to` must not be before `from`');
  }
  if (filter.from) and.push({ latestDate: { gte: filter.from } });
  if (filter.to) and.push({ startDate: { lte: filter.to } });
  if (filter.kinds?.length) and.push({ kind: { in: filter.kinds } });
  if (filter.cameoCodes?.length) {
    for (const code of filter.cameoCodes) {
      if (!/^[0-9]{2,4}$/.test(code))
        throw badInput('filter.cameoCodes', `"${code}" is not a CAMEO code (2–4 digits)`);
    }
    // A code matches itself and every more specific code under it: "04" matches 040–049 and 0411.
    and.push({ OR: filter.cameoCodes.map((code) => ({ cameoCode: { startsWith: code } })) });
  }
  const participantIds = filter.participants?.map((p) => p.id) ?? [];
  if (participantIds.length) {
    const took = (participantId: string): Prisma.EventWhereInput => ({
      participations: { some: { participantId } },
    });
    and.push(
      filter.participantsMatch === 'ALL'
        ? { AND: participantIds.map(took) }
        : { OR: participantIds.map(took) },
    );
  }
  if (filter.countries?.length) {
    const countries = filter.countries.map(involvesCountry);
    and.push(filter.countriesMatch === 'ALL' ? { AND: countries } : { OR: countries });
  }
  return { AND: and };
}
