// event.country_ids, which the database keeps (migration event_countries): right for the seed, and kept
// right through the writes the API offers, as the relationship view (which reads it) shows. Writes go
// through the GraphQL mutations over HTTP, as clients make them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset } from '../seeds/japan-vietnam.js';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { textlessSource } from './helpers/textless-source.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';
import { seedRecords } from './helpers/seed-records.js';
import { graphql, type VariablesOf } from './helpers/graphql.js';
import { fixtureBasis } from './helpers/fixture-basis.js';

let server: TestServer;
let editor: AuthHeaders;
let ids: { kishi: string; giang: string; japan: string; vietnam: string; china: string; source: string };

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
  const seed = await seedRecords(server);
  ids = {
    kishi: seed.kishi.id,
    giang: seed.giang.id,
    japan: seed.japan.id,
    vietnam: seed.vietnam.id,
    china: seed.china.id,
    source: await textlessSource(server.db),
  };
});
afterAll(() => server?.stop());

/** The database id inside a global id ("Event:<uuid>", base64). */
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

/** The ISO codes an event's country_ids name, sorted, read straight from the column. */
async function countriesOf(eventId: string): Promise<string[]> {
  const rows = await server.db.prisma.$queryRaw<{ iso: string }[]>`
    SELECT c.iso_code::text AS iso FROM event e JOIN participant c ON c.id = ANY (e.country_ids)
    WHERE e.id = ${rawId(eventId)}::uuid ORDER BY 1`;
  return rows.map((r) => r.iso);
}

/** What the relationship view says about one event: its total, and whether the event is among its events. */
async function inRelationship(between: [string, string], slug: string) {
  const res = await server.gql(
    graphql(`
      query ($between: [CountryCode!]!) {
        relationship(between: $between) {
          events(first: 100) {
            totalCount
            edges {
              node {
                slug
              }
            }
          }
        }
      }
    `),
    { between },
  );
  expect(res.errors).toBeUndefined();
  const relationship = dataOf(res).relationship;
  expect(relationship).not.toBeNull();
  const { totalCount, edges } = relationship!.events;
  return { totalCount, listed: edges.some((e) => e.node.slug === slug) };
}

/** An event's participations as the tests read them: their ids and who took part. */
const PARTICIPATIONS = graphql(`
  fragment Participations on Event {
    participations {
      id
      participant {
        name
      }
    }
  }
`);

const CREATE = graphql(
  `
    mutation ($input: CreateEventInput!) {
      createEvent(input: $input) {
        event {
          id
          slug
          version
          ...Participations
        }
      }
    }
  `,
  [PARTICIPATIONS],
);

async function createEvent(title: string, participants: VariablesOf<typeof CREATE>['input']['participants']) {
  const res = await server.gql(
    CREATE,
    {
      input: {
        kind: 'MEETING',
        title,
        summary: 'A test of event.country_ids.',
        start: { date: '2026-05-04', precision: 'DAY' },
        basis: fixtureBasis('startDate'),
        participants,
        citations: [{ sourceId: ids.source, quote: `${title}: reported.` }],
      },
    },
    editor,
  );
  expect(res.errors).toBeUndefined();
  return dataOf(res).createEvent.event;
}

describe('event.country_ids', () => {
  it('names, for every seeded event, the countries of its participants (a country is its own)', async () => {
    const byKey = new Map(dataset.participants.map((p) => [p.key, p]));
    const isoOf = (key: string) => {
      const p = byKey.get(key)!;
      return p.isoCode ?? (p.country ? byKey.get(p.country)?.isoCode : undefined);
    };
    const rows = await server.db.prisma.$queryRaw<{ slug: string; isos: string[] }[]>`
      SELECT e.slug, coalesce(array_agg(c.iso_code::text ORDER BY c.iso_code) FILTER (WHERE c.id IS NOT NULL), '{}') AS isos
      FROM event e LEFT JOIN participant c ON c.id = ANY (e.country_ids)
      GROUP BY e.slug`;
    const stored = new Map(rows.map((r) => [r.slug, r.isos]));
    expect(dataset.events.length).toBeGreaterThan(10);
    for (const e of dataset.events) {
      const expected = [
        ...new Set(e.participants.map((p) => isoOf(p.participant)).filter((x): x is string => !!x)),
      ].sort();
      expect(stored.get(e.key), e.key).toEqual(expected);
    }
  });

  it('follows attachParticipant and detachParticipant', async () => {
    const before = await inRelationship(['JP', 'VN'], 'none');
    const event = await createEvent('Country ids: attach and detach', [
      { participantId: ids.kishi, role: 'VISITOR' },
    ]);
    expect(await countriesOf(event.id)).toEqual(['JP']);
    expect(await inRelationship(['JP', 'VN'], event.slug)).toEqual({
      totalCount: before.totalCount,
      listed: false,
    });

    const attach = await server.gql(
      graphql(
        `
          mutation ($input: AttachParticipantInput!) {
            attachParticipant(input: $input) {
              event {
                ...Participations
              }
            }
          }
        `,
        [PARTICIPATIONS],
      ),
      {
        input: {
          eventId: event.id,
          participantId: ids.giang,
          role: 'HOST',
          citations: [{ sourceId: ids.source, quote: 'Giang hosted.' }],
        },
      },
      editor,
    );
    expect(attach.errors).toBeUndefined();
    expect(await countriesOf(event.id)).toEqual(['JP', 'VN']);
    expect(await inRelationship(['JP', 'VN'], event.slug)).toEqual({
      totalCount: before.totalCount + 1,
      listed: true,
    });

    const giang = dataOf(attach).attachParticipant.event.participations.find(
      (p) => p.participant.name === 'Phan Van Giang',
    );
    expect(giang).toBeDefined();
    const detach = await server.gql(
      graphql(`
        mutation ($id: ID!) {
          detachParticipant(input: { participationId: $id }) {
            event {
              id
            }
          }
        }
      `),
      { id: giang!.id },
      editor,
    );
    expect(detach.errors).toBeUndefined();
    expect(await countriesOf(event.id)).toEqual(['JP']);
    expect(await inRelationship(['JP', 'VN'], event.slug)).toEqual({
      totalCount: before.totalCount,
      listed: false,
    });
  });

  it("follows a participant's change of country, in every event they took part in", async () => {
    const created = await server.gql(
      graphql(`
        mutation ($input: CreateParticipantInput!) {
          createParticipant(input: $input) {
            participant {
              id
              version
            }
          }
        }
      `),
      { input: { kind: 'PERSON', name: 'Country Ids Envoy', countryId: ids.japan } },
      editor,
    );
    expect(created.errors).toBeUndefined();
    const envoy = dataOf(created).createParticipant.participant;
    const first = await createEvent('Country ids: envoy meets Giang', [
      { participantId: envoy.id, role: 'VISITOR' },
      { participantId: ids.giang, role: 'HOST' },
    ]);
    const second = await createEvent('Country ids: envoy alone', [
      { participantId: envoy.id, role: 'VISITOR' },
    ]);
    expect(await countriesOf(first.id)).toEqual(['JP', 'VN']);
    expect(await countriesOf(second.id)).toEqual(['JP']);
    expect((await inRelationship(['JP', 'VN'], first.slug)).listed).toBe(true);

    const moved = await server.gql(
      graphql(`
        mutation ($input: UpdateParticipantInput!) {
          updateParticipant(input: $input) {
            participant {
              country {
                isoCode
              }
            }
          }
        }
      `),
      { input: { id: envoy.id, version: envoy.version, countryId: ids.china } },
      editor,
    );
    expect(moved.errors).toBeUndefined();
    expect(dataOf(moved).updateParticipant.participant.country?.isoCode).toBe('CN');
    expect(await countriesOf(first.id)).toEqual(['CN', 'VN']);
    expect(await countriesOf(second.id)).toEqual(['CN']);
    expect((await inRelationship(['JP', 'VN'], first.slug)).listed).toBe(false);
    expect((await inRelationship(['CN', 'VN'], first.slug)).listed).toBe(true);

    // No country at all: the events keep only the other side.
    const stateless = await server.gql(
      graphql(`
        mutation ($input: UpdateParticipantInput!) {
          updateParticipant(input: $input) {
            participant {
              version
            }
          }
        }
      `),
      { input: { id: envoy.id, version: envoy.version + 1, countryId: null } },
      editor,
    );
    expect(stateless.errors).toBeUndefined();
    expect(await countriesOf(first.id)).toEqual(['VN']);
    expect(await countriesOf(second.id)).toEqual([]);
  });

  it('keeps its countries when an event is soft-deleted, and the relationship leaves it out until restored', async () => {
    const event = await createEvent('Country ids: deleted meeting', [
      { participantId: ids.kishi, role: 'VISITOR' },
      { participantId: ids.vietnam, role: 'HOST' },
    ]);
    const listed = await inRelationship(['JP', 'VN'], event.slug);
    expect(listed.listed).toBe(true);

    const del = await server.gql(
      graphql(`
        mutation ($id: ID!, $version: Int!) {
          deleteEvent(input: { id: $id, version: $version }) {
            event {
              version
              deletedAt
            }
          }
        }
      `),
      { id: event.id, version: event.version },
      editor,
    );
    expect(del.errors).toBeUndefined();
    expect(await countriesOf(event.id)).toEqual(['JP', 'VN']);
    expect(await inRelationship(['JP', 'VN'], event.slug)).toEqual({
      totalCount: listed.totalCount - 1,
      listed: false,
    });

    const restore = await server.gql(
      graphql(`
        mutation ($id: ID!, $version: Int!) {
          restoreEvent(input: { id: $id, version: $version }) {
            event {
              deletedAt
            }
          }
        }
      `),
      { id: event.id, version: dataOf(del).deleteEvent.event.version },
      editor,
    );
    expect(restore.errors).toBeUndefined();
    expect(await inRelationship(['JP', 'VN'], event.slug)).toEqual(listed);
  });

  it('cannot be set by a writer: the database recomputes it', async () => {
    const event = await createEvent('Country ids: forged', [{ participantId: ids.kishi, role: 'VISITOR' }]);
    await server.db.prisma.$executeRaw`
      UPDATE event SET country_ids = ARRAY[${rawId(ids.china)}::uuid] WHERE id = ${rawId(event.id)}::uuid`;
    expect(await countriesOf(event.id)).toEqual(['JP']);
  });
});
