// Loads a curated dataset into the database in one transaction. Every row's id is a UUID v5 of its
// natural key, and every write is an upsert, so seeding twice gives the same rows and re-seeding after
// a correction to the dataset updates them in place: that is how a database seeded before a correction
// is migrated (`npm run db:seed`). A seeded claim's citations and bases are the dataset's: a seeded
// citation the dataset no longer has is removed; citations an editor added (random v4 ids) are kept.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Prisma, PrismaClient } from '../src/generated/prisma/client.js';
import type { SeedBasis, SeedCitation, SeedDataset, SeedDate, SeedSource } from './dataset-types.js';
import { anchorColumns, anchorQuote } from '../src/modules/source/quote-anchor.js';

/** Namespace for the seed's deterministic ids (a fixed random UUID; changing it re-keys every seeded row). */
const SEED_NAMESPACE = '3f0c8f0e-6a1b-4c1e-9d35-5b7a0e7f2c11';
const seedId = (...parts: string[]) => uuidv5(parts.join(':'), SEED_NAMESPACE);
/** Whether a row was made by a seed (a UUID v5; the database and the API make v4 ids). */
const isSeedId = (id: string) => id[14] === '5';
/** Advisory lock held while seeding (distinct from Prisma Migrate's 72707369). */
const SEED_LOCK_KEY = 72707370;

type Tx = Prisma.TransactionClient;

export interface SeedReport {
  sources: number;
  participants: number;
  positions: number;
  events: number;
  participations: number;
  agreements: number;
  agreementParties: number;
  remarks: number;
  citations: number;
  bases: number;
}

export class SeedError extends Error {
  override name = 'SeedError';
}

const toDate = (d: SeedDate | undefined) => (d ? new Date(`${d.date}T00:00:00Z`) : null);
const precision = (d: SeedDate | undefined) => d?.precision ?? null;

function sourceText(source: SeedSource): string | null {
  if (source.textFile) return readFileSync(new URL(source.textFile, import.meta.url), 'utf8');
  return source.fullText ?? null;
}

/** Seeds `dataset`; returns how many rows of each kind the dataset holds. */
export async function seedDatabase(prisma: PrismaClient, dataset: SeedDataset): Promise<SeedReport> {
  const report: SeedReport = {
    sources: 0,
    participants: 0,
    positions: 0,
    events: 0,
    participations: 0,
    agreements: 0,
    agreementParties: 0,
    remarks: 0,
    citations: 0,
    bases: 0,
  };
  const texts = new Map(dataset.sources.map((s) => [s.key, sourceText(s)]));
  const ids = {
    source: (key: string) => refer('source', key, dataset.sources),
    participant: (key: string) => refer('participant', key, dataset.participants),
    event: (key: string) => refer('event', key, dataset.events),
  };

  await prisma.$transaction(
    async (tx) => {
      // Servers starting together on an empty database seed one after the other, not interleaved.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      // Sources, containers before the posts embedded in them.
      const sources = [...dataset.sources].sort((a, b) => Number(!!a.embeddedIn) - Number(!!b.embeddedIn));
      for (const s of sources) {
        const data = {
          slug: s.key,
          kind: s.kind,
          title: s.title,
          publisher: s.publisher ?? null,
          authors: s.authors,
          url: s.url ?? null,
          publishedDate: toDate(s.published),
          publishedPrecision: precision(s.published),
          fullText: texts.get(s.key) ?? null,
          attributions: s.attributions,
          embeddedInId: s.embeddedIn ? ids.source(s.embeddedIn) : null,
        };
        await tx.source.upsert({
          where: { id: ids.source(s.key) },
          create: { id: ids.source(s.key), ...data },
          update: data,
        });
        report.sources++;
      }

      // Participants, countries first (others point to them).
      const participants = [...dataset.participants].sort(
        (a, b) => Number(!!a.country) - Number(!!b.country),
      );
      for (const p of participants) {
        const data = {
          slug: p.key,
          kind: p.kind,
          name: p.name,
          aliases: p.aliases ?? [],
          isoCode: p.isoCode ?? null,
          countryId: p.country ? ids.participant(p.country) : null,
          description: p.description ?? null,
        };
        const id = ids.participant(p.key);
        await tx.participant.upsert({ where: { id }, create: { id, ...data }, update: data });
        report.participants++;
      }
      for (const p of dataset.participants) {
        for (const position of p.positions ?? []) {
          const id = seedId('position', p.key, position.title);
          const data = {
            holderId: ids.participant(p.key),
            title: position.title,
            organisationId: position.organisation ? ids.participant(position.organisation) : null,
            startDate: toDate(position.start),
            startPrecision: precision(position.start),
            endDate: toDate(position.end),
            endPrecision: precision(position.end),
          };
          await tx.position.upsert({ where: { id }, create: { id, ...data }, update: data });
          await cite(tx, { positionId: id }, `position:${p.key}:${position.title}`, position.citations);
          await ground(tx, { positionId: id }, position.basis);
          report.positions++;
        }
      }

      for (const e of dataset.events) {
        const id = ids.event(e.key);
        requireCitations(`event ${e.key}`, e.citations);
        const data = {
          slug: e.key,
          kind: e.kind,
          title: e.title,
          summary: e.summary,
          startDate: toDate(e.start)!,
          startPrecision: e.start.precision,
          endDate: toDate(e.end),
          endPrecision: precision(e.end),
          placeName: e.placeName ?? null,
          placeCountryId: e.placeCountry ? ids.participant(e.placeCountry) : null,
          cameoCode: e.cameoCode ?? null,
          ploverCategory: e.ploverCategory ?? null,
          ploverMode: e.ploverMode ?? null,
          ploverContexts: e.ploverContexts ?? [],
        };
        await tx.event.upsert({ where: { id }, create: { id, ...data }, update: data });
        await cite(tx, { eventId: id }, `event:${e.key}`, e.citations);
        await ground(tx, { eventId: id }, e.basis);
        report.events++;
        for (const p of e.participants) {
          const participationId = seedId('participation', e.key, p.participant, p.role);
          requireCitations(`participation of ${p.participant} in ${e.key}`, p.citations);
          const pData = { eventId: id, participantId: ids.participant(p.participant), role: p.role };
          await tx.participation.upsert({
            where: { id: participationId },
            create: { id: participationId, ...pData },
            update: pData,
          });
          await cite(tx, { participationId }, `participation:${participationId}`, p.citations);
          await ground(tx, { participationId }, p.basis);
          report.participations++;
        }
      }

      for (const a of dataset.agreements) {
        const id = seedId('agreement', a.key);
        requireCitations(`agreement ${a.key}`, a.citations);
        const data = {
          slug: a.key,
          title: a.title,
          kind: a.kind,
          subjects: a.subjects,
          status: a.status,
          signedDate: toDate(a.signed),
          signedPrecision: precision(a.signed),
          signingEventId: a.signingEvent ? ids.event(a.signingEvent) : null,
          summary: a.summary ?? null,
        };
        await tx.agreement.upsert({ where: { id }, create: { id, ...data }, update: data });
        await cite(tx, { agreementId: id }, `agreement:${a.key}`, a.citations);
        await ground(tx, { agreementId: id }, a.basis);
        report.agreements++;
        for (const party of a.parties) {
          const partyId = seedId('agreement-party', a.key, party.participant);
          requireCitations(`party ${party.participant} to ${a.key}`, party.citations);
          const pData = { agreementId: id, participantId: ids.participant(party.participant) };
          await tx.agreementParty.upsert({
            where: { id: partyId },
            create: { id: partyId, ...pData },
            update: pData,
          });
          await cite(tx, { agreementPartyId: partyId }, `agreement-party:${partyId}`, party.citations);
          await ground(tx, { agreementPartyId: partyId }, party.basis);
          report.agreementParties++;
        }
      }

      for (const r of dataset.remarks) {
        const id = seedId('remark', r.key);
        requireCitations(`remark ${r.key}`, r.citations);
        const speaker = dataset.participants.find((p) => p.key === r.speaker);
        if (r.speakerPosition && !speaker?.positions?.some((pos) => pos.title === r.speakerPosition)) {
          throw new SeedError(
            `remark ${r.key}: ${r.speaker} holds no position titled "${r.speakerPosition}"`,
          );
        }
        const data = {
          slug: r.key,
          speakerId: ids.participant(r.speaker),
          speakerPositionId: r.speakerPosition ? seedId('position', r.speaker, r.speakerPosition) : null,
          content: r.content,
          isDirectQuote: r.isDirectQuote,
          saidDate: toDate(r.said),
          saidPrecision: precision(r.said),
          audience: r.audience ?? null,
          addresseeId: r.addressee ? ids.participant(r.addressee) : null,
          eventId: r.event ? ids.event(r.event) : null,
          topics: r.topics,
        };
        await tx.remark.upsert({ where: { id }, create: { id, ...data }, update: data });
        await cite(tx, { remarkId: id }, `remark:${r.key}`, r.citations);
        await ground(tx, { remarkId: id }, r.basis);
        report.remarks++;
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return report;

  function refer(kind: string, key: string, list: { key: string }[]): string {
    if (!list.some((item) => item.key === key)) throw new SeedError(`unknown ${kind} "${key}"`);
    return seedId(kind, key);
  }

  /** Replaces the claim's recorded bases with the dataset's (so a correction re-seeds in place). */
  async function ground(
    tx: Tx,
    target: Partial<
      Record<
        'eventId' | 'participationId' | 'agreementId' | 'agreementPartyId' | 'remarkId' | 'positionId',
        string
      >
    >,
    bases: SeedBasis[] | undefined,
  ): Promise<void> {
    await tx.valueBasis.deleteMany({ where: target });
    if (!bases?.length) return;
    await tx.valueBasis.createMany({
      data: bases.map((b) => ({
        ...target,
        field: b.field,
        value: b.value ?? null,
        basis: b.basis,
        note: b.note ?? null,
        reference: b.reference ?? null,
      })),
    });
    report.bases += bases.length;
  }

  async function cite(
    tx: Tx,
    target: Partial<
      Record<
        'eventId' | 'participationId' | 'agreementId' | 'agreementPartyId' | 'remarkId' | 'positionId',
        string
      >
    >,
    owner: string,
    citations: SeedCitation[],
  ): Promise<void> {
    const kept = new Set<string>();
    for (const c of citations) {
      const quoteHash = createHash('sha256').update(c.quote).digest('hex').slice(0, 16);
      const id = seedId('citation', owner, c.source, quoteHash, c.claimField ?? '', c.claimValue ?? '');
      const text = texts.get(c.source) ?? null;
      const anchor = text === null ? null : anchorQuote(text, c.quote);
      if (text !== null && !anchor)
        throw new SeedError(`${owner}: the quote "${c.quote}" does not occur in source ${c.source}`);
      const data = {
        ...target,
        sourceId: ids.source(c.source),
        quote: c.quote,
        ...anchorColumns(anchor),
        claimField: c.claimField ?? null,
        claimValue: c.claimValue ?? null,
      };
      await tx.citation.upsert({ where: { id }, create: { id, ...data }, update: data });
      kept.add(id);
      report.citations++;
    }
    const held = await tx.citation.findMany({ where: target, select: { id: true } });
    const stale = held.map((c) => c.id).filter((id) => isSeedId(id) && !kept.has(id));
    if (stale.length) await tx.citation.deleteMany({ where: { id: { in: stale } } });
  }
}

function requireCitations(what: string, citations: SeedCitation[]): void {
  if (citations.length === 0)
    throw new SeedError(`${what} has no citation: every claim needs a source and a quote`);
}
