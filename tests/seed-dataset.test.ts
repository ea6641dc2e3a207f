// A pure check of the Japan–Vietnam seed dataset (no database): every quote is verbatim in its source,
// every key reference resolves, keys are unique slugs, every claim is cited, dates are well-formed.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { dataset } from '../seeds/japan-vietnam.js';
import type { SeedCitation, SeedDate, SeedSource } from '../seeds/dataset-types.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const sourceByKey = new Map(dataset.sources.map((s) => [s.key, s]));
const participantByKey = new Map(dataset.participants.map((p) => [p.key, p]));
const eventByKey = new Map(dataset.events.map((e) => [e.key, e]));

function readSeedFile(file: string): string {
  return readFileSync(new URL('../seeds/' + file, import.meta.url), 'utf8');
}

const textCache = new Map<string, string | undefined>();
function textOf(source: SeedSource): string | undefined {
  if (!textCache.has(source.key)) {
    textCache.set(source.key, source.textFile ? readSeedFile(source.textFile) : source.fullText);
  }
  return textCache.get(source.key);
}

/** Every citation in the dataset, with a label naming its owner. */
interface Owned {
  owner: string;
  citations: SeedCitation[];
}
function citationOwners(): Owned[] {
  const owners: Owned[] = [];
  for (const p of dataset.participants) {
    for (const pos of p.positions ?? [])
      owners.push({ owner: `position "${pos.title}" of ${p.key}`, citations: pos.citations });
  }
  for (const e of dataset.events) {
    owners.push({ owner: `event ${e.key}`, citations: e.citations });
    for (const part of e.participants) {
      owners.push({
        owner: `participation ${part.participant}/${part.role} in event ${e.key}`,
        citations: part.citations,
      });
    }
  }
  for (const a of dataset.agreements) {
    owners.push({ owner: `agreement ${a.key}`, citations: a.citations });
    for (const party of a.parties)
      owners.push({ owner: `party ${party.participant} to agreement ${a.key}`, citations: party.citations });
  }
  for (const r of dataset.remarks) owners.push({ owner: `remark ${r.key}`, citations: r.citations });
  return owners;
}

function dates(): { owner: string; date: SeedDate }[] {
  const out: { owner: string; date: SeedDate }[] = [];
  for (const s of dataset.sources)
    if (s.published) out.push({ owner: `source ${s.key} published`, date: s.published });
  for (const p of dataset.participants) {
    for (const pos of p.positions ?? []) {
      if (pos.start) out.push({ owner: `position "${pos.title}" of ${p.key} start`, date: pos.start });
      if (pos.end) out.push({ owner: `position "${pos.title}" of ${p.key} end`, date: pos.end });
    }
  }
  for (const e of dataset.events) {
    out.push({ owner: `event ${e.key} start`, date: e.start });
    if (e.end) out.push({ owner: `event ${e.key} end`, date: e.end });
  }
  for (const a of dataset.agreements)
    if (a.signed) out.push({ owner: `agreement ${a.key} signed`, date: a.signed });
  for (const r of dataset.remarks) if (r.said) out.push({ owner: `remark ${r.key} said`, date: r.said });
  return out;
}

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const k of keys) (seen.has(k) ? dups : seen).add(k);
  return [...dups];
}

describe('Japan–Vietnam seed dataset', () => {
  it('has rows of every kind', () => {
    expect(dataset.sources.length).toBeGreaterThan(0);
    expect(dataset.participants.length).toBeGreaterThan(0);
    expect(dataset.events.length).toBeGreaterThan(0);
    expect(dataset.agreements.length).toBeGreaterThan(0);
    expect(dataset.remarks.length).toBeGreaterThan(0);
  });

  describe('keys', () => {
    const lists = {
      sources: dataset.sources.map((s) => s.key),
      participants: dataset.participants.map((p) => p.key),
      events: dataset.events.map((e) => e.key),
      agreements: dataset.agreements.map((a) => a.key),
      remarks: dataset.remarks.map((r) => r.key),
    };
    for (const [list, keys] of Object.entries(lists)) {
      it(`${list}: keys are slug-shaped and unique`, () => {
        const badSlugs = keys.filter((k) => !SLUG.test(k));
        expect(
          badSlugs,
          `${list} keys that are not lowercase kebab-case ascii: ${badSlugs.join(', ')}`,
        ).toEqual([]);
        const dups = duplicates(keys);
        expect(dups, `duplicate ${list} keys: ${dups.join(', ')}`).toEqual([]);
      });
    }
    it('keys are globally unique across lists', () => {
      const dups = duplicates(Object.values(lists).flat());
      expect(dups, `keys used in more than one list: ${dups.join(', ')}`).toEqual([]);
    });
  });

  describe('sources', () => {
    it('every source has a readable, non-empty text', () => {
      const problems: string[] = [];
      for (const s of dataset.sources) {
        if (!s.textFile && !s.fullText) problems.push(`source ${s.key} has neither textFile nor fullText`);
        else if (!textOf(s)?.length) problems.push(`source ${s.key} has an empty text`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('embedded posts point to an existing article and occur verbatim in it', () => {
      const problems: string[] = [];
      for (const s of dataset.sources.filter((x) => x.embeddedIn)) {
        const parent = sourceByKey.get(s.embeddedIn!);
        if (!parent) {
          problems.push(`source ${s.key}: embeddedIn "${s.embeddedIn}" is not a source key`);
          continue;
        }
        if (!s.fullText) problems.push(`source ${s.key}: an embedded post needs its fullText`);
        else if (!textOf(parent)!.includes(s.fullText)) {
          problems.push(
            `source ${s.key}: fullText does not occur verbatim in ${parent.key}: "${s.fullText}"`,
          );
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('attributions occur verbatim in their source', () => {
      const problems: string[] = [];
      for (const s of dataset.sources) {
        for (const a of s.attributions) {
          if (!textOf(s)?.includes(a)) problems.push(`source ${s.key}: attribution not in the text: "${a}"`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });

  describe('citations', () => {
    it('every claim has at least one citation', () => {
      const uncited = citationOwners()
        .filter((o) => o.citations.length === 0)
        .map((o) => o.owner);
      expect(uncited, `claims without a citation:\n${uncited.join('\n')}`).toEqual([]);
    });

    it('every quote is non-empty and occurs verbatim in its source', () => {
      const problems: string[] = [];
      for (const { owner, citations } of citationOwners()) {
        for (const c of citations) {
          const source = sourceByKey.get(c.source);
          if (!source) problems.push(`${owner}: unknown source "${c.source}" (quote "${c.quote}")`);
          else if (c.quote.trim() === '') problems.push(`${owner}: empty quote from ${c.source}`);
          else if (!textOf(source)?.includes(c.quote)) {
            problems.push(`${owner}: quote not found verbatim in ${c.source}: "${c.quote}"`);
          }
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('claimField and claimValue come together', () => {
      const problems: string[] = [];
      for (const { owner, citations } of citationOwners()) {
        for (const c of citations) {
          if ((c.claimField === undefined) !== (c.claimValue === undefined)) {
            problems.push(`${owner}: claimField/claimValue half-set on quote "${c.quote}"`);
          }
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('no claim cites the same source, quote and claim twice (the seed would merge them)', () => {
      const problems: string[] = [];
      for (const { owner, citations } of citationOwners()) {
        const ids = citations.map((c) =>
          [c.source, c.quote, c.claimField ?? '', c.claimValue ?? ''].join('\u0000'),
        );
        for (const d of duplicates(ids))
          problems.push(`${owner}: duplicate citation "${d.split('\u0000')[1]}"`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('signingEvent and date claims hold well-formed values', () => {
      const problems: string[] = [];
      for (const { owner, citations } of citationOwners()) {
        for (const c of citations) {
          if (c.claimField === 'signingEvent' && !eventByKey.has(c.claimValue ?? '')) {
            problems.push(
              `${owner}: signingEvent claim "${c.claimValue}" is not an event key (quote "${c.quote}")`,
            );
          }
          if (c.claimField && /Date$/.test(c.claimField) && !ISO_DATE.test(c.claimValue ?? '')) {
            problems.push(
              `${owner}: ${c.claimField} claim "${c.claimValue}" is not YYYY-MM-DD (quote "${c.quote}")`,
            );
          }
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('keeps the signedDate conflict between sources', () => {
      const conflicted = dataset.agreements.filter((a) => {
        const claims = a.citations.filter((c) => c.claimField === 'signedDate');
        const values = new Set(claims.map((c) => c.claimValue));
        // Two different values, given by two different sources.
        return (
          values.size >= 2 &&
          claims.some((c1) => claims.some((c2) => c1.claimValue !== c2.claimValue && c1.source !== c2.source))
        );
      });
      expect(
        conflicted.map((a) => a.key),
        'no agreement has signedDate claims with two different values from two different sources',
      ).not.toEqual([]);
    });
  });

  describe('references', () => {
    it('participants: countries, position organisations and ISO codes', () => {
      const problems: string[] = [];
      for (const p of dataset.participants) {
        if (p.kind === 'COUNTRY') {
          if (!p.isoCode || !/^[A-Z]{2}$/.test(p.isoCode))
            problems.push(`country ${p.key}: isoCode "${p.isoCode}" is not alpha-2`);
        } else if (p.isoCode) problems.push(`participant ${p.key}: isoCode on a ${p.kind}`);
        if (p.country && participantByKey.get(p.country)?.kind !== 'COUNTRY') {
          problems.push(`participant ${p.key}: country "${p.country}" is not a country participant`);
        }
        for (const pos of p.positions ?? []) {
          if (pos.organisation && !participantByKey.has(pos.organisation)) {
            problems.push(`position "${pos.title}" of ${p.key}: unknown organisation "${pos.organisation}"`);
          }
        }
        const dupTitles = duplicates((p.positions ?? []).map((pos) => pos.title));
        if (dupTitles.length)
          problems.push(`participant ${p.key}: duplicate position titles ${dupTitles.join(', ')}`);
      }
      const dupIso = duplicates(dataset.participants.flatMap((p) => (p.isoCode ? [p.isoCode] : [])));
      if (dupIso.length) problems.push(`duplicate ISO codes: ${dupIso.join(', ')}`);
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('events: participants, place countries, unique participations', () => {
      const problems: string[] = [];
      for (const e of dataset.events) {
        if (e.placeCountry && participantByKey.get(e.placeCountry)?.kind !== 'COUNTRY') {
          problems.push(`event ${e.key}: placeCountry "${e.placeCountry}" is not a country participant`);
        }
        if (e.participants.length === 0) problems.push(`event ${e.key}: no participants`);
        for (const part of e.participants) {
          if (!participantByKey.has(part.participant))
            problems.push(`event ${e.key}: unknown participant "${part.participant}"`);
        }
        for (const d of duplicates(e.participants.map((p) => `${p.participant}/${p.role}`))) {
          problems.push(`event ${e.key}: participation ${d} listed twice`);
        }
        if (e.cameoCode && !/^\d{2,4}$/.test(e.cameoCode))
          problems.push(`event ${e.key}: cameoCode "${e.cameoCode}"`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('agreements: parties and signing events', () => {
      const problems: string[] = [];
      for (const a of dataset.agreements) {
        if (a.parties.length === 0) problems.push(`agreement ${a.key}: no parties`);
        for (const party of a.parties) {
          if (!participantByKey.has(party.participant))
            problems.push(`agreement ${a.key}: unknown party "${party.participant}"`);
        }
        for (const d of duplicates(a.parties.map((p) => p.participant)))
          problems.push(`agreement ${a.key}: party ${d} listed twice`);
        if (a.signingEvent) {
          const event = eventByKey.get(a.signingEvent);
          if (!event) problems.push(`agreement ${a.key}: unknown signingEvent "${a.signingEvent}"`);
          else if (a.signed && a.signed.date !== event.start.date) {
            problems.push(
              `agreement ${a.key}: signed ${a.signed.date} but its signing event ${event.key} starts ${event.start.date}`,
            );
          }
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('remarks: speakers, positions, addressees, events; direct quotes are verbatim', () => {
      const problems: string[] = [];
      for (const r of dataset.remarks) {
        const speaker = participantByKey.get(r.speaker);
        if (!speaker) problems.push(`remark ${r.key}: unknown speaker "${r.speaker}"`);
        if (r.speakerPosition && !speaker?.positions?.some((pos) => pos.title === r.speakerPosition)) {
          problems.push(`remark ${r.key}: ${r.speaker} holds no position titled "${r.speakerPosition}"`);
        }
        if (r.addressee && !participantByKey.has(r.addressee))
          problems.push(`remark ${r.key}: unknown addressee "${r.addressee}"`);
        if (r.event && !eventByKey.has(r.event)) problems.push(`remark ${r.key}: unknown event "${r.event}"`);
        if (r.content.trim() === '') problems.push(`remark ${r.key}: empty content`);
        if (r.isDirectQuote) {
          const verbatim = r.citations.some((c) => {
            const s = sourceByKey.get(c.source);
            return s ? textOf(s)?.includes(r.content) : false;
          });
          if (!verbatim)
            problems.push(`remark ${r.key}: direct quote not verbatim in any cited source: "${r.content}"`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });

  describe('dates', () => {
    it('dates are real YYYY-MM-DD dates, on day 01 for MONTH and 01-01 for YEAR', () => {
      const problems: string[] = [];
      for (const { owner, date } of dates()) {
        const parsed = new Date(`${date.date}T00:00:00Z`);
        if (
          !ISO_DATE.test(date.date) ||
          Number.isNaN(parsed.getTime()) ||
          parsed.toISOString().slice(0, 10) !== date.date
        ) {
          problems.push(`${owner}: "${date.date}" is not a valid YYYY-MM-DD date`);
        } else if (date.precision === 'MONTH' && !date.date.endsWith('-01')) {
          problems.push(`${owner}: MONTH precision date "${date.date}" is not the 1st of the month`);
        } else if (date.precision === 'YEAR' && !date.date.endsWith('-01-01')) {
          problems.push(`${owner}: YEAR precision date "${date.date}" is not 1 January`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('end dates are not before start dates', () => {
      const problems: string[] = [];
      for (const e of dataset.events) {
        if (e.end && e.end.date < e.start.date)
          problems.push(`event ${e.key}: ends ${e.end.date} before it starts ${e.start.date}`);
      }
      for (const p of dataset.participants) {
        for (const pos of p.positions ?? []) {
          if (pos.start && pos.end && pos.end.date < pos.start.date) {
            problems.push(
              `position "${pos.title}" of ${p.key}: ends ${pos.end.date} before it starts ${pos.start.date}`,
            );
          }
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });
});
