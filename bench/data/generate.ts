// The synthetic dataset, shaped like the seed (seeds/japan-vietnam.ts) but as large as asked: about 20
// participants per 1,000 events (ten countries with ISO codes; people and organisations belonging to
// them), 2–6 participants per event in directed roles, 1–3 citations per event and 1–2 per every other
// claim (participation, agreement, party, remark, position), agreements with parties and signing events,
// remarks, positions and sources.
//
// Realism that matters for the benchmark:
// - Most events are bilateral (a Japanese and a Vietnamese side), so the relationship view has work to do.
// - People are active for a span of years and events pick people active at their date; within that set a
//   few are far more active than the rest (ministers), so person pages range from a handful of events to
//   thousands.
// - Event density grows over time (more recent years have more events), like a real news-based log.
// - Words are skewed: common topics match many texts, rare ones few, so search has both kinds of query.
//
// Rows go to a RowSink (one COPY stream per table); nothing is kept per event, so memory does not grow
// with --events. Everything comes from one seeded Prng, in one fixed order: same seed, same rows.
import type { AgreementSubject, DatePrecision, ParticipationRole } from '../../src/generated/prisma/enums.js';
import {
  alignTo,
  FIRST_DAY,
  FIRST_YEAR,
  firstDayOfYear,
  isoDate,
  LAST_DAY,
  LAST_YEAR,
  lastDayOf,
  yearOf,
} from './calendar.js';
import { arrayLiteral, type CopyValue } from './copy.js';
import { Prng } from './prng.js';
import {
  AGREEMENT_KINDS,
  CODING,
  CORE_ROLES,
  EVENT_KINDS,
  KIND_WORDS,
  PARTICIPANT_COUNTS,
  PRECISIONS,
  SIGNED_STATUSES,
  SOURCE_KINDS,
} from './shape.js';
import { COLUMNS, type TableName } from './tables.js';
import * as text from './text.js';
import type { Actor } from './text.js';
import {
  AGREEMENT_SUBJECTS,
  AUTHOR_NAMES,
  COUNTRIES,
  ORGANISATIONS,
  PERSON_NAMES,
  PLACES,
  POSITION_TITLES,
  REGIONS,
  SOURCE_PUBLISHERS,
  SUBJECT_WORDS,
  UNIT_KINDS,
  type CountryIso,
} from './vocabulary.js';

export interface RowSink {
  row(table: TableName, values: CopyValue[]): void;
}

type CitationTarget =
  'event_id' | 'participation_id' | 'agreement_id' | 'agreement_party_id' | 'remark_id' | 'position_id';
/** Where each claim column sits in a citation row. */
const TARGET_INDEX = (target: CitationTarget) => COLUMNS.citation.indexOf(target);

type Side = 'JP' | 'VN' | 'OTHER';
const sideOf = (iso: string): Side => (iso === 'JP' || iso === 'VN' ? iso : 'OTHER');

export interface DatasetCounts {
  events: number;
  participants: number;
  sources: number;
}

/** How many participants and sources a dataset of `events` events has. */
export function datasetCounts(events: number): DatasetCounts {
  return {
    events,
    participants: Math.max(60, Math.round((events * 20) / 1000)),
    sources: Math.max(20, Math.round(events / 8)),
  };
}

export class DatasetGenerator {
  private readonly rng: Prng;
  readonly counts: DatasetCounts;
  private readonly countries = new Map<string, Actor>();
  /** People active in each year, per country. */
  private readonly activePeople = new Map<string, Actor[]>();
  private readonly people = new Map<string, Actor[]>();
  private readonly organisations = new Map<string, Actor[]>();
  private readonly slugs = new Map<string, number>();
  private sourceIds: string[] = [];
  private sourceDays: number[] = [];

  constructor(
    events: number,
    seed: number,
    private readonly sink: RowSink,
  ) {
    this.rng = new Prng(seed);
    this.counts = datasetCounts(events);
  }

  /** Sources, participants and positions: everything events refer to. */
  generateReferenceData(): void {
    this.generateSources();
    this.generateParticipants();
  }

  /** A slug not used before in this dataset (the tables' slugs are unique). */
  private uniqueSlug(base: string): string {
    const n = (this.slugs.get(base) ?? 0) + 1;
    this.slugs.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }

  /** A day between FIRST_DAY and LAST_DAY, denser towards the end (density grows linearly with time). */
  private eventDay(u: number): number {
    return FIRST_DAY + Math.floor(Math.sqrt(u) * (LAST_DAY - FIRST_DAY + 1));
  }

  private generateSources(): void {
    const { rng } = this;
    const n = this.counts.sources;
    const us = Array.from({ length: n }, () => rng.float()).sort((a, b) => a - b);
    this.sourceDays = us.map((u) => this.eventDay(u));
    let lastArticle: string | null = null;
    for (let i = 0; i < n; i++) {
      const id = rng.uuid();
      const day = this.sourceDays[i]!;
      const kind = rng.weighted(SOURCE_KINDS.values, SOURCE_KINDS.weights);
      const publisher = rng.skewed(SOURCE_PUBLISHERS, 1.6);
      const place = rng.pick(rng.chance(0.5) ? PLACES.JP : PLACES.VN);
      const [a, b] = rng.chance(0.5) ? ['Japan', 'Vietnam'] : ['Vietnam', 'Japan'];
      const title = text.sourceTitle(rng, a, b, place);
      const slug = `${slugify60(title)}-${isoDate(day)}-${i.toString(36)}`;
      const authors = kind === 'NEWS_ARTICLE' ? pickDistinct(rng, AUTHOR_NAMES, rng.int(0, 2)) : [];
      const embeddedIn = kind === 'SOCIAL_POST' && lastArticle && rng.chance(0.6) ? lastArticle : null;
      this.sink.row('source', [
        id,
        slug,
        kind,
        title,
        kind === 'SOCIAL_POST' ? '@ModJapan_en' : publisher.name,
        arrayLiteral(authors),
        `https://${publisher.domain}/${isoDate(day).replace(/-/g, '/')}/${slug}`,
        isoDate(day),
        'DAY',
        text.sourceText(rng, a, b, place),
        arrayLiteral(rng.chance(0.2) ? ['The Associated Press contributed to this article.'] : []),
        embeddedIn,
      ]);
      if (kind === 'NEWS_ARTICLE') lastArticle = id;
      this.sourceIds.push(id);
    }
  }

  /** A source published on or a few days after `day` (sources are in date order). */
  private sourceNear(day: number): string {
    const days = this.sourceDays;
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return this.sourceIds[Math.min(days.length - 1, lo + this.rng.int(0, 3))]!;
  }

  private cite(target: CitationTarget, id: string, day: number, quote: string, claim?: [string, string]) {
    const values: CopyValue[] = [
      this.rng.uuid(),
      this.sourceNear(day),
      quote,
      claim?.[0] ?? null,
      claim?.[1] ?? null,
      null,
      null,
      null,
      null,
      null,
      null,
    ];
    values[TARGET_INDEX(target)] = id;
    this.sink.row('citation', values);
  }

  private generateParticipants(): void {
    const { rng } = this;
    for (const c of COUNTRIES) {
      const actor: Actor = {
        id: rng.uuid(),
        name: c.name,
        short: c.name,
        kind: 'COUNTRY',
        iso: c.iso,
        countryName: c.name,
        adjective: c.adjective,
        positionId: null,
        positionTitle: null,
      };
      this.countries.set(c.iso, actor);
      this.sink.row('participant', [
        actor.id,
        this.uniqueSlug(text.slugify(c.name)),
        'COUNTRY',
        c.name,
        arrayLiteral([...c.aliases]),
        c.iso,
        null,
        null,
      ]);
    }
    const others = COUNTRIES.filter((c) => sideOf(c.iso) === 'OTHER');
    const rest = this.counts.participants - COUNTRIES.length;
    const orgCount = Math.round(rest * 0.25);
    // 42% Japanese, 42% Vietnamese, the rest spread over the other countries.
    const countryFor = (i: number, n: number) =>
      i < n * 0.42 ? COUNTRIES[0] : i < n * 0.84 ? COUNTRIES[1] : others[i % others.length]!;
    for (let i = 0; i < orgCount; i++) this.addOrganisation(countryFor(i, orgCount));
    const personCount = rest - orgCount;
    const byCountry = new Map<string, number>();
    for (let i = 0; i < personCount; i++) {
      const c = countryFor(i, personCount);
      byCountry.set(c.iso, (byCountry.get(c.iso) ?? 0) + 1);
    }
    for (const [iso, n] of byCountry) {
      for (let i = 0; i < n; i++)
        this.addPerson(
          COUNTRIES.find((c) => c.iso === iso)!,
          i,
          n,
        );
    }
  }

  private addOrganisation(country: (typeof COUNTRIES)[number]): void {
    const { rng } = this;
    const list = this.organisations.get(country.iso) ?? [];
    const side = sideOf(country.iso);
    const named = ORGANISATIONS[side];
    const name =
      side === 'OTHER'
        ? `${country.adjective} ${named[list.length % named.length]}`
        : list.length < named.length
          ? named[list.length]!
          : `${country.adjective} ${rng.pick(UNIT_KINDS)} ${list.length - named.length + 1}`;
    const actor: Actor = {
      id: rng.uuid(),
      name,
      short: name,
      kind: 'ORGANISATION',
      iso: country.iso,
      countryName: country.name,
      adjective: country.adjective,
      positionId: null,
      positionTitle: null,
    };
    list.push(actor);
    this.organisations.set(country.iso, list);
    this.sink.row('participant', [
      actor.id,
      this.uniqueSlug(text.slugify(name)),
      'ORGANISATION',
      name,
      arrayLiteral([]),
      null,
      this.countries.get(country.iso)!.id,
      `A ${country.adjective} defence or government body.`,
    ]);
  }

  /** Person i of n from `country`, active for 3–10 years; staggered so every year has people. */
  private addPerson(country: (typeof COUNTRIES)[number], i: number, n: number): void {
    const { rng } = this;
    const names = PERSON_NAMES[country.iso as CountryIso];
    const family = rng.skewed(names.family, 1.5);
    const given = rng.pick(names.given);
    const name = names.middle ? `${family} ${rng.pick(names.middle)} ${given}` : `${given} ${family}`;
    const span = LAST_YEAR - FIRST_YEAR + 1;
    const from = Math.max(FIRST_YEAR, FIRST_YEAR + Math.floor((i * span) / n) - rng.int(0, 3));
    const to = Math.min(LAST_YEAR, from + rng.int(3, 10));
    const side = sideOf(country.iso);
    const orgs = this.organisations.get(country.iso) ?? [];
    const titles = POSITION_TITLES[side];
    const title = rng.skewed(titles, 1.7);
    const actor: Actor = {
      id: rng.uuid(),
      name,
      short: family,
      kind: 'PERSON',
      iso: country.iso,
      countryName: country.name,
      adjective: country.adjective,
      positionId: rng.uuid(),
      positionTitle: side === 'OTHER' ? null : `${country.adjective} ${title}`,
    };
    this.sink.row('participant', [
      actor.id,
      this.uniqueSlug(text.slugify(name)),
      'PERSON',
      name,
      arrayLiteral([family]),
      null,
      this.countries.get(country.iso)!.id,
      `A ${country.adjective} official.`,
    ]);
    // The office held while active; some held an earlier one too.
    const startDay = firstDayOfYear(from) + rng.int(0, 300);
    const startPrecision = rng.weighted(PRECISIONS.values, PRECISIONS.weights);
    const endDay = to < LAST_YEAR ? firstDayOfYear(to) + rng.int(0, 300) : null;
    const org = orgs.length && rng.chance(0.9) ? rng.skewed(orgs, 2) : null;
    this.position(actor, actor.positionId!, title, org, startDay, startPrecision, endDay);
    if (rng.chance(0.2)) {
      const earlier = titles.find((t) => t !== title) ?? `Deputy ${title}`;
      this.position(actor, rng.uuid(), earlier, org, startDay - 700, 'YEAR', startDay - 30);
    }
    for (let y = from; y <= to; y++) {
      const key = `${country.iso}:${y}`;
      const list = this.activePeople.get(key) ?? [];
      list.push(actor);
      this.activePeople.set(key, list);
    }
    const all = this.people.get(country.iso) ?? [];
    all.push(actor);
    this.people.set(country.iso, all);
  }

  private position(
    holder: Actor,
    id: string,
    title: string,
    org: Actor | null,
    startDay: number,
    startPrecision: DatePrecision,
    endDay: number | null,
  ): void {
    const start = alignTo(Math.max(0, startDay), startPrecision);
    const end = endDay !== null && endDay > start ? endDay : null;
    this.sink.row('position', [
      id,
      holder.id,
      title,
      org?.id ?? null,
      isoDate(start),
      startPrecision,
      end === null ? null : isoDate(end),
      end === null ? null : 'DAY',
    ]);
    const quote = `${holder.adjective} ${title} ${holder.name}`;
    this.cite('position_id', id, start, quote);
    if (this.rng.chance(0.4)) this.cite('position_id', id, start + 30, `${title} ${holder.short}`);
  }

  /** A person (mostly) or body of `iso`; people active in `year`, the busiest more often. */
  private actorOf(iso: string, year: number, personShare = 0.8): Actor {
    const { rng } = this;
    const active = this.activePeople.get(`${iso}:${year}`);
    const orgs = this.organisations.get(iso);
    if (orgs?.length && (!rng.chance(personShare) || !(active?.length || this.people.get(iso)?.length))) {
      return rng.skewed(orgs, 2);
    }
    if (active?.length) return rng.skewed(active, 2);
    const people = this.people.get(iso);
    return people?.length ? rng.pick(people) : this.countries.get(iso)!;
  }

  /** One event with its participations, remarks, agreement (for signings) and all their citations. */
  generateEvent(index: number): void {
    const { rng } = this;
    const kind = rng.weighted(EVENT_KINDS.values, EVENT_KINDS.weights);
    const precision = rng.weighted(PRECISIONS.values, PRECISIONS.weights);
    const start = alignTo(this.eventDay(rng.float()), precision);
    const multiDay =
      precision === 'DAY' && (kind === 'VISIT' || kind === 'EXERCISE' || kind === 'TALKS') && rng.chance(0.5);
    const end = multiDay ? start + rng.int(1, 5) : null;
    const latest = end ?? lastDayOf(start, precision);
    const year = yearOf(start);

    // Sides: Japan and Vietnam in most events; otherwise one of them with a third country.
    const other = COUNTRIES[rng.int(2, COUNTRIES.length - 1)]!.iso;
    const [isoA, isoB] = rng.chance(0.8)
      ? rng.chance(0.5)
        ? ['JP', 'VN']
        : ['VN', 'JP']
      : rng.chance(0.5)
        ? [rng.chance(0.5) ? 'JP' : 'VN', other]
        : [other, rng.chance(0.5) ? 'JP' : 'VN'];
    const a = this.actorOf(isoA, year);
    const b = this.actorOf(isoB, year);
    const hostIso = CORE_ROLES[kind][1] === 'HOST' || kind === 'PORT_CALL' ? isoB : rng.pick([isoA, isoB]);
    const place = rng.pick(PLACES[sideOf(hostIso)]);
    const id = rng.uuid();
    const title = text.eventTitle(rng, kind, a, b, place);
    const [cameo, plover] = CODING[kind];
    // Written after the participations: country_ids needs them (the COPY streams are per table, so the
    // order of rows across tables does not matter).
    const eventRow: CopyValue[] = [
      id,
      `${slugify60(title)}-${isoDate(start)}-${index.toString(36)}`,
      kind,
      title,
      text.eventSummary(rng, a, b, place),
      isoDate(start),
      precision,
      end === null ? null : isoDate(end),
      end === null ? null : 'DAY',
      isoDate(latest),
      place,
      sideOf(hostIso) === 'OTHER' ? null : this.countries.get(hostIso)!.id,
      cameo,
      plover,
    ];
    const citations = rng.int(1, 3);
    for (let i = 0; i < citations; i++) {
      // Some sources pin the date; a few pin a different one (a conflict between sources, as in the seed).
      const pin =
        precision === 'DAY' && rng.chance(0.1)
          ? (['startDate', isoDate(rng.chance(0.05) ? start + rng.int(1, 3) : start)] as [string, string])
          : undefined;
      this.cite('event_id', id, start, text.eventQuote(rng, a, b, place), pin);
    }

    // Participations: the two sides in their directed roles, then 0–4 others.
    const [roleA, roleB] = CORE_ROLES[kind];
    const taken: Actor[] = [a, b];
    this.participation(id, a, roleA, start, place);
    if (b.id !== a.id) this.participation(id, b, roleB, start, place);
    const total = rng.weighted(PARTICIPANT_COUNTS.values, PARTICIPANT_COUNTS.weights);
    for (let i = 2; i < total; i++) {
      const x = rng.float();
      const extra =
        x < 0.55
          ? this.actorOf(rng.chance(0.5) ? 'JP' : 'VN', year, 0.7)
          : x < 0.8
            ? this.countries.get(rng.chance(0.5) ? 'CN' : rng.pick(COUNTRIES).iso)!
            : this.actorOf(other, year, 0.5);
      if (taken.some((t) => t.id === extra.id)) continue;
      taken.push(extra);
      const role: ParticipationRole =
        extra.kind === 'COUNTRY' ? 'SUBJECT' : kind === 'SPEECH' ? 'AUDIENCE' : 'ATTENDEE';
      this.participation(id, extra, role, start, place);
    }
    this.sink.row('event', [...eventRow, arrayLiteral(this.countryIdsOf(taken))]);

    // Remarks: none for most events, one or two for some, by people or bodies that took part.
    const remarks = rng.float() < 0.6 ? 0 : rng.chance(0.62) ? 1 : 2;
    for (let r = 0; r < remarks; r++) {
      const speaker = r === 0 ? a : b.kind === 'COUNTRY' ? a : b;
      this.remark(index, r, id, speaker, speaker === a ? b : a, start, precision);
    }

    if (kind === 'SIGNING' && rng.chance(0.7)) this.agreement(index, id, a, b, start, precision, true);
    else if (kind === 'TALKS' && rng.chance(0.05)) this.agreement(index, null, a, b, start, precision, false);
  }

  /**
   * An event's country_ids as the database's event_country_ids() computes them (the triggers that keep
   * the column are off during the load): every participant's country (a country is its own), distinct,
   * sorted as PostgreSQL sorts uuids (bytewise, which is the order of their lower-case hex spelling).
   */
  private countryIdsOf(participants: readonly Actor[]): string[] {
    const ids = new Set(participants.map((p) => this.countries.get(p.iso)!.id));
    return [...ids].sort();
  }

  private participation(eventId: string, p: Actor, role: ParticipationRole, day: number, place: string) {
    const { rng } = this;
    const id = rng.uuid();
    this.sink.row('participation', [id, eventId, p.id, role]);
    const n = rng.chance(0.65) ? 1 : 2;
    for (let i = 0; i < n; i++) {
      this.cite('participation_id', id, day, text.participationQuote(rng, p, role, place));
    }
  }

  private remark(
    index: number,
    r: number,
    eventId: string,
    speaker: Actor,
    other: Actor,
    day: number,
    precision: DatePrecision,
  ) {
    const { rng } = this;
    const id = rng.uuid();
    const direct = rng.chance(0.4);
    const content = text.remarkContent(rng, speaker, other, direct);
    const topics: string[] = [];
    if (rng.chance(0.5)) topics.push(other.iso);
    if (rng.chance(0.4)) topics.push(rng.pick(REGIONS));
    if (rng.chance(0.15) && !topics.includes('CN')) topics.push('CN');
    this.sink.row('remark', [
      id,
      `remark-${index.toString(36)}-${r}`,
      speaker.id,
      speaker.positionId && rng.chance(0.8) ? speaker.positionId : null,
      content,
      direct,
      isoDate(day),
      precision,
      rng.chance(0.25) ? 'reporters' : null,
      rng.chance(0.15) ? other.id : null,
      eventId,
      arrayLiteral(topics),
    ]);
    const n = rng.chance(0.6) ? 1 : 2;
    for (let i = 0; i < n; i++)
      this.cite('remark_id', id, day, text.remarkQuote(rng, speaker, content, direct));
  }

  private agreement(
    index: number,
    signingEventId: string | null,
    a: Actor,
    b: Actor,
    day: number,
    precision: DatePrecision,
    signed: boolean,
  ) {
    const { rng } = this;
    const id = rng.uuid();
    const kind = rng.weighted(AGREEMENT_KINDS.values, AGREEMENT_KINDS.weights);
    const subjects = pickDistinct(rng, AGREEMENT_SUBJECTS, rng.int(1, 3), 1.6) as AgreementSubject[];
    const about = subjects.map((s) => SUBJECT_WORDS[s]).join(' and ');
    const title = `${a.countryName}–${b.countryName} ${KIND_WORDS[kind]} on ${about}`;
    this.sink.row('agreement', [
      id,
      `${slugify60(title)}-${index.toString(36)}`,
      title,
      kind,
      arrayLiteral(subjects),
      signed ? rng.weighted(SIGNED_STATUSES.values, SIGNED_STATUSES.weights) : 'UNDER_NEGOTIATION',
      signed ? isoDate(day) : null,
      signed ? precision : null,
      signingEventId,
      `Provides for cooperation between the defence authorities of ${a.countryName} and ${b.countryName} ` +
        `in ${about}.`,
    ]);
    const quote = `The countries ${signed ? 'signed' : 'are negotiating'} a ${KIND_WORDS[kind]} on ${about}.`;
    this.cite(
      'agreement_id',
      id,
      day,
      quote,
      signed && rng.chance(0.2) ? ['signedDate', isoDate(day)] : undefined,
    );
    if (rng.chance(0.4)) this.cite('agreement_id', id, day, `The ${KIND_WORDS[kind]} covers ${about}.`);
    // Parties: the two countries, sometimes one side's ministry as well.
    const parties = [this.countries.get(a.iso)!, this.countries.get(b.iso)!];
    const ministry = this.organisations.get(rng.chance(0.5) ? a.iso : b.iso)?.[0];
    if (ministry && rng.chance(0.3)) parties.push(ministry);
    for (const party of parties) {
      const partyId = rng.uuid();
      this.sink.row('agreement_party', [partyId, id, party.id]);
      const n = rng.chance(0.6) ? 1 : 2;
      for (let i = 0; i < n; i++) {
        this.cite(
          'agreement_party_id',
          partyId,
          day,
          `${party.name} ${signed ? 'signed' : 'negotiated'} the ${KIND_WORDS[kind]}`,
        );
      }
    }
  }
}

function slugify60(title: string): string {
  return text.slugify(title).slice(0, 60).replace(/-+$/, '');
}

function pickDistinct<T>(rng: Prng, items: readonly T[], n: number, power = 1): T[] {
  const out: T[] = [];
  for (let tries = 0; out.length < n && tries < n * 10; tries++) {
    const item = rng.skewed(items, power);
    if (!out.includes(item)) out.push(item);
  }
  return out;
}
