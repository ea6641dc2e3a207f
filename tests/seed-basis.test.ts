// The seed held to the basis rule (issue 15), without a database: no date or place is stated unless a
// citation pins it with that value; every inference names its reasoning and the quote it is drawn from;
// the list of inferred and outside-knowledge values is reviewed here, with their notes.
import { describe, expect, it } from 'vitest';
import { dataset } from '../seeds/japan-vietnam.js';
import type { SeedBasis, SeedCitation } from '../seeds/dataset-types.js';
import { unbasedValue, type BasisClaimType } from '../src/modules/source/basis.js';

interface Valued {
  type: BasisClaimType;
  claim: string;
  values: Record<string, string | undefined>;
  basis: SeedBasis[];
  citations: SeedCitation[];
}

/** The date and place values of every claim: the ones a general quote about the claim may not state. */
function valued(): Valued[] {
  const out: Valued[] = [];
  for (const e of dataset.events)
    out.push({
      type: 'Event',
      claim: `event ${e.key}`,
      values: {
        startDate: e.start.date,
        endDate: e.end?.date,
        placeName: e.placeName,
        placeCountry: e.placeCountry,
      },
      basis: e.basis ?? [],
      citations: e.citations,
    });
  for (const a of dataset.agreements)
    out.push({
      type: 'Agreement',
      claim: `agreement ${a.key}`,
      values: { signedDate: a.signed?.date, signingEvent: a.signingEvent },
      basis: a.basis ?? [],
      citations: a.citations,
    });
  for (const p of dataset.participants)
    for (const pos of p.positions ?? [])
      out.push({
        type: 'Position',
        claim: `position ${pos.title} of ${p.key}`,
        values: { startDate: pos.start?.date, endDate: pos.end?.date },
        basis: pos.basis ?? [],
        citations: pos.citations,
      });
  for (const r of dataset.remarks)
    out.push({
      type: 'Remark',
      claim: `remark ${r.key}`,
      values: { saidDate: r.said?.date },
      basis: r.basis ?? [],
      citations: r.citations,
    });
  return out;
}

function allBases(): { claim: string; basis: SeedBasis; citations: SeedCitation[] }[] {
  const out: { claim: string; basis: SeedBasis; citations: SeedCitation[] }[] = [];
  const add = (claim: string, bases: SeedBasis[] | undefined, citations: SeedCitation[]) =>
    (bases ?? []).forEach((basis) => out.push({ claim, basis, citations }));
  for (const e of dataset.events) {
    add(`event ${e.key}`, e.basis, e.citations);
    for (const p of e.participants)
      add(`participation ${p.participant}/${p.role} in ${e.key}`, p.basis, p.citations);
  }
  for (const a of dataset.agreements) {
    add(`agreement ${a.key}`, a.basis, a.citations);
    for (const p of a.parties) add(`party ${p.participant} to ${a.key}`, p.basis, p.citations);
  }
  for (const r of dataset.remarks) add(`remark ${r.key}`, r.basis, r.citations);
  for (const p of dataset.participants)
    for (const pos of p.positions ?? []) add(`position ${pos.title} of ${p.key}`, pos.basis, pos.citations);
  return out;
}

describe('the basis of the seed’s values', () => {
  it('states a date or place only where a cited quote pins it with that value', () => {
    const unstated: string[] = [];
    for (const { claim, values, basis, citations } of valued()) {
      for (const [field, value] of Object.entries(values)) {
        if (value === undefined) continue;
        if (basis.some((b) => b.field === field && b.value === undefined)) continue;
        if (!citations.some((c) => c.claimField === field && c.claimValue === value))
          unstated.push(`${claim}: ${field} = ${value}`);
      }
    }
    expect(unstated).toEqual([]);
  });

  it('would be accepted by the write path: every date and place pinned with its value, inferred or outside knowledge', () => {
    const unbased = valued().flatMap(({ type, claim, values, basis, citations }) => {
      const u = unbasedValue(type, values, basis, citations);
      return u ? [`${claim}: ${u.field} = ${u.value}`] : [];
    });
    expect(unbased).toEqual([]);
  });

  it('gives every inference its reasoning and the quote it is drawn from; outside knowledge a note', () => {
    for (const { claim, basis, citations } of allBases()) {
      expect(basis.note?.trim(), `${claim} ${basis.field}`).toBeTruthy();
      // Served to readers, so no curator's labels for the sources.
      expect(basis.note, `${claim} ${basis.field}`).not.toMatch(/\b(A1|A2|P[123])\b/);
      if (basis.basis === 'INFERRED')
        expect(
          citations.some((c) => c.claimField === basis.field),
          `${claim}: inferred ${basis.field} cites no quote that pins it`,
        ).toBe(true);
      // A basis for another value (a conflict side) is for a value some citation gives.
      if (basis.value !== undefined)
        expect(citations.some((c) => c.claimField === basis.field && c.claimValue === basis.value)).toBe(
          true,
        );
    }
  });

  it('lists the inferred and outside-knowledge values, each with its note', () => {
    const list = allBases().map(
      ({ claim, basis }) =>
        `${basis.basis} ${claim} ${basis.field}${basis.value ? `=${basis.value}` : ''}: ${basis.note}`,
    );
    expect(list).toMatchSnapshot();
    const count = (kind: string) => allBases().filter((b) => b.basis.basis === kind).length;
    expect({ inferred: count('INFERRED'), outside: count('OUTSIDE_KNOWLEDGE') }).toMatchSnapshot();
  });

  it('places nothing in a city no source names, and carries no internal labels in what it serves', () => {
    const texts = [
      ...dataset.events.flatMap((e) => [e.title, e.summary, e.placeName ?? '']),
      ...dataset.agreements.flatMap((a) => [a.title, a.summary ?? '']),
    ];
    expect(texts.filter((t) => t.includes('Hanoi'))).toEqual([]);
    expect(texts.filter((t) => /\b(A1|A2|P[123])\b/.test(t))).toEqual([]);
    expect(texts.filter((t) => t.includes('before Vietnam'))).toEqual([]);
  });

  it('has ASEAN as a participant, and no trend stored as an event', () => {
    expect(dataset.participants.find((p) => p.key === 'asean')?.kind).toBe('ORGANISATION');
    expect(dataset.events.some((e) => e.participants.some((p) => p.participant === 'asean'))).toBe(true);
    expect(dataset.events.some((e) => /in recent years|steps up/i.test(e.title + e.summary))).toBe(false);
  });
});
