// Seeding from the articles: idempotent, all-or-nothing, every quote verbatim in its stored source, the
// articles' disagreement kept as two cited claims — and the database itself refuses uncited claims.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/core/db/database.js';
import { prepareDatabase } from '../src/app.js';
import { logger } from '../src/core/logger.js';
import { dataset } from '../seeds/japan-vietnam.js';
import { seedDatabase } from '../seeds/seed.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

let testDb: TestDatabase;
let db: Database;

async function rowCounts() {
  const [row] = await db.prisma.$queryRaw<Record<string, number>[]>`
    SELECT (SELECT count(*)::int FROM source) AS sources, (SELECT count(*)::int FROM participant) AS participants,
           (SELECT count(*)::int FROM position) AS positions, (SELECT count(*)::int FROM event) AS events,
           (SELECT count(*)::int FROM participation) AS participations, (SELECT count(*)::int FROM agreement) AS agreements,
           (SELECT count(*)::int FROM agreement_party) AS agreement_parties, (SELECT count(*)::int FROM remark) AS remarks,
           (SELECT count(*)::int FROM citation) AS citations`;
  return row!;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase(testDb.config);
  await prepareDatabase(db, { seed: 'never', logger });
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('seeding from the articles', () => {
  it('stores every source, participant, event, agreement and remark of the dataset', async () => {
    const report = await seedDatabase(db.prisma, dataset);
    const counts = await rowCounts();
    expect(counts).toEqual({
      sources: dataset.sources.length,
      participants: dataset.participants.length,
      positions: report.positions,
      events: dataset.events.length,
      participations: report.participations,
      agreements: dataset.agreements.length,
      agreement_parties: report.agreementParties,
      remarks: dataset.remarks.length,
      citations: report.citations,
    });
    expect(counts.events).toBeGreaterThan(10);
    expect(counts.citations).toBeGreaterThan(100);
  });

  it('is idempotent: seeding again leaves exactly the same rows', async () => {
    const before = await db.prisma.$queryRaw<{ digest: string }[]>`
      SELECT md5(string_agg(id::text || quote || coalesce(claim_value, ''), ',' ORDER BY id)) AS digest FROM citation`;
    const countsBefore = await rowCounts();
    await seedDatabase(db.prisma, dataset);
    expect(await rowCounts()).toEqual(countsBefore);
    const after = await db.prisma.$queryRaw<{ digest: string }[]>`
      SELECT md5(string_agg(id::text || quote || coalesce(claim_value, ''), ',' ORDER BY id)) AS digest FROM citation`;
    expect(after).toEqual(before);
  });

  it('re-seeding migrates a database seeded before a correction: values, citations, bases', async () => {
    // The cyber talks as an earlier seed had them: "2021" at YEAR precision, pinned by a citation of
    // that value (a seed's row: a v5 id). An editor's citation of the same event (a v4 id) must survive.
    const [talks] = await db.prisma.$queryRaw<{ id: string; source_id: string }[]>`
      SELECT e.id, c.source_id FROM event e JOIN citation c ON c.event_id = e.id
      WHERE e.slug = 'japan-vietnam-cybersecurity-talks' LIMIT 1`;
    await db.prisma.$executeRaw`UPDATE event SET start_date = '2021-01-01', start_precision = 'YEAR'
      WHERE id = ${talks!.id}::uuid`;
    const quote = 'Japan has also held cybersecurity talks with Vietnam, Singapore, and Indonesia.';
    await db.prisma
      .$executeRaw`INSERT INTO citation (id, source_id, event_id, quote, claim_field, claim_value)
      VALUES ('8d1c3b52-4c8e-5a6f-9b1d-2e3f4a5b6c7d', ${talks!.source_id}::uuid, ${talks!.id}::uuid, ${quote},
              'startDate', '2021-01-01'),
             ('0b9e6c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c', ${talks!.source_id}::uuid, ${talks!.id}::uuid, ${quote},
              NULL, NULL)`;
    await seedDatabase(db.prisma, dataset);
    const [event] = await db.prisma.$queryRaw<{ start: string; precision: string }[]>`
      SELECT start_date::text AS start, start_precision::text AS precision FROM event WHERE id = ${talks!.id}::uuid`;
    expect(event).toEqual({ start: '2021-11-24', precision: 'ON_OR_BEFORE' });
    const citations = await db.prisma.$queryRaw<{ id: string; value: string | null }[]>`
      SELECT id::text, claim_value AS value FROM citation WHERE event_id = ${talks!.id}::uuid ORDER BY id`;
    expect(citations.map((c) => c.value)).not.toContain('2021-01-01');
    expect(citations.map((c) => c.id)).toContain('0b9e6c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c');
    await db.prisma.$executeRaw`DELETE FROM citation WHERE id = '0b9e6c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c'`;
  });

  it('stores every quote verbatim in the text of the source it cites', async () => {
    const misquoted = await db.prisma.$queryRaw<{ id: string; quote: string; source: string }[]>`
      SELECT c.id, c.quote, s.slug AS source FROM citation c JOIN source s ON s.id = c.source_id
      WHERE s.full_text IS NULL OR strpos(s.full_text, c.quote) = 0`;
    expect(misquoted).toEqual([]);
    // The articles are stored unchanged.
    const { readFile } = await import('node:fs/promises');
    const article = await readFile(new URL('../seeds/000_77c5f5285978eff5.txt', import.meta.url), 'utf8');
    const stored = await db.prisma.source.findFirstOrThrow({
      where: { kind: 'NEWS_ARTICLE', authors: { has: 'Aldgra Fredly' } },
    });
    expect(stored.fullText).toBe(article);
  });

  it('keeps the three @ModJapan_en posts as sources embedded in the second article', async () => {
    const posts = await db.prisma.source.findMany({
      where: { kind: 'SOCIAL_POST' },
      include: { embeddedIn: true },
    });
    expect(posts).toHaveLength(3);
    for (const post of posts) {
      expect(post.embeddedIn?.fullText).toContain(post.fullText);
      expect(post.publisher).toContain('@ModJapan_en');
    }
  });

  it('stores the articles’ disagreement over when the memorandums were signed as two cited claims', async () => {
    const claims = await db.prisma.citation.findMany({
      where: {
        claimField: 'signedDate',
        agreement: { subjects: { hasSome: ['CYBERSECURITY', 'MILITARY_MEDICINE'] } },
      },
      include: { source: true, agreement: true },
    });
    const byAgreement = new Map<string, typeof claims>();
    for (const c of claims)
      byAgreement.set(c.agreement!.slug, [...(byAgreement.get(c.agreement!.slug) ?? []), c]);
    expect(byAgreement.size).toBe(2);
    for (const citations of byAgreement.values()) {
      const values = new Set(citations.map((c) => c.claimValue));
      expect(values).toEqual(new Set(['2021-11-23', '2021-09-11']));
      const sources = new Set(citations.map((c) => c.source.slug));
      expect(sources.size).toBe(2);
    }
  });

  it('rolls back the whole seed when any part of it is invalid', async () => {
    const broken = structuredClone(dataset);
    broken.events.push({
      ...structuredClone(dataset.events[0]!),
      key: 'a-new-event',
      participants: [],
      citations: [],
    });
    const before = await rowCounts();
    await expect(seedDatabase(db.prisma, broken)).rejects.toThrow(/a-new-event has no citation/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('provenance is enforced by the database', () => {
  const event = {
    slug: 'uncited-event',
    kind: 'MEETING' as const,
    title: 'An uncited meeting',
    summary: 'Nobody says this happened.',
    startDate: new Date('2022-01-01'),
    startPrecision: 'DAY' as const,
  };

  it('refuses an event without a citation, with a clear error, and stores nothing', async () => {
    const error = await db.prisma.event.create({ data: event }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/has no citation: every claim needs a source and a verbatim quote/);
    expect(await db.prisma.event.count({ where: { slug: event.slug } })).toBe(0);
  });

  it('accepts the same event with a citation, in one transaction', async () => {
    const source = await db.prisma.source.findFirstOrThrow({ where: { kind: 'NEWS_ARTICLE' } });
    const created = await db.prisma.event.create({
      data: {
        ...event,
        citations: { create: [{ sourceId: source.id, quote: source.fullText!.slice(0, 40) }] },
      },
    });
    expect(created.latestDate).toEqual(new Date('2022-01-01'));
    // …and refuses to remove its last citation.
    const error = await db.prisma.citation
      .deleteMany({ where: { eventId: created.id } })
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/would be left without a citation/);
    expect(await db.prisma.citation.count({ where: { eventId: created.id } })).toBe(1);
  });

  it('refuses malformed rows with check constraints', async () => {
    const source = await db.prisma.source.findFirstOrThrow();
    const cite = { citations: { create: [{ sourceId: source.id, quote: 'x' }] } };
    const cases: [string, Record<string, unknown>][] = [
      ['event_end_after_start', { endDate: new Date('2021-12-31'), endPrecision: 'DAY' }],
      ['event_start_precision_aligned', { startDate: new Date('2022-01-15'), startPrecision: 'MONTH' }],
      ['event_slug_format', { slug: 'Not A Slug' }],
      ['event_cameo_code_format', { cameoCode: 'x57' }],
    ];
    for (const [constraint, change] of cases) {
      const error = await db.prisma.event
        .create({ data: { ...event, slug: 'checked-event', ...cite, ...change } })
        .catch((e: unknown) => e);
      expect(String(error), constraint).toContain(constraint);
    }
    const blank = await db.prisma.event
      .create({
        data: {
          ...event,
          slug: 'blank-quote',
          citations: { create: [{ sourceId: source.id, quote: '   ' }] },
        },
      })
      .catch((e: unknown) => e);
    expect(String(blank)).toContain('citation_quote_not_blank');
    expect(await db.prisma.event.count({ where: { slug: { in: ['checked-event', 'blank-quote'] } } })).toBe(
      0,
    );
  });

  it('derives the latest possible day from date precision', async () => {
    const source = await db.prisma.source.findFirstOrThrow();
    const april = await db.prisma.event.create({
      data: {
        ...event,
        slug: 'in-april',
        startDate: new Date('2021-04-01'),
        startPrecision: 'MONTH',
        citations: { create: [{ sourceId: source.id, quote: 'x' }] },
      },
    });
    expect(april.latestDate).toEqual(new Date('2021-04-30'));
  });
});
