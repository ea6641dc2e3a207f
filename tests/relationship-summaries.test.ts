// The relationship summaries (migration relationship_summaries) stay exactly what a recomputation from
// scratch gives, after every kind of write through the API: events created (one by one and concurrently),
// dated less precisely, re-dated and re-kinded, participations attached and detached (a person in two
// roles at one event too), events soft-deleted and restored, people moved to another country or made an
// organisation, and an event hard-deleted as the bench's clean-up does (the pairs' lists of meetings
// too: relationship_pair_event). And the view reads them: its
// counts change with the writes.
import { fixtureBasis } from './helpers/fixture-basis.js';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { textlessSource } from './helpers/textless-source.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';
import { seedRecords } from './helpers/seed-records.js';
import { graphql, type ResultOf, type TadaDocumentNode, type VariablesOf } from './helpers/graphql.js';

let server: TestServer;
let editor: AuthHeaders;
let ids: { kishi: string; giang: string; japan: string; vietnam: string; source: string };

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
  const seed = await seedRecords(server);
  ids = {
    kishi: seed.kishi.id,
    giang: seed.giang.id,
    japan: seed.japan.id,
    vietnam: seed.vietnam.id,
    source: await textlessSource(server.db),
  };
});
afterAll(() => server?.stop());

/** Rows of each summary table that differ from the recomputation: all zero when they are exact. */
async function drift(): Promise<Record<string, number>> {
  const rows = await server.db.prisma.$queryRaw<{ summary: string; wrong: number }[]>`
    SELECT summary, wrong::int AS wrong FROM relationship_summaries_drift()`;
  return Object.fromEntries(rows.map((r) => [r.summary, r.wrong]));
}
const EXACT = {
  relationship_event: 0,
  relationship_kind_count: 0,
  relationship_month_count: 0,
  relationship_pair: 0,
  relationship_pair_event: 0,
  relationship_region_remark: 0,
  relationship_region_remark_count: 0,
  relationship_remark: 0,
  relationship_remark_count: 0,
  relationship_agreement: 0,
  relationship_agreement_count: 0,
};

async function write<Data, Variables>(query: TadaDocumentNode<Data, Variables>, variables: Variables) {
  const res = await server.gql(query, variables, editor);
  expect(res.errors).toBeUndefined();
  return dataOf(res);
}

/** An event's participations as the tests read them: who, in which role. */
const PARTICIPATIONS = graphql(`
  fragment Participations on Event {
    participations {
      id
      role
      participant {
        id
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
          version
          ...Participations
        }
      }
    }
  `,
  [PARTICIPATIONS],
);
type EventInput = VariablesOf<typeof CREATE>['input'];
const createEvent = async (
  title: string,
  start: EventInput['start'],
  participants: EventInput['participants'],
) =>
  (
    await write(CREATE, {
      input: {
        kind: 'MEETING',
        title,
        summary: 'Summaries test.',
        start,
        participants,
        basis: fixtureBasis('startDate'),
        citations: [{ sourceId: ids.source, quote: `${title} happened.` }],
      },
    })
  ).createEvent.event;

/** The version of an event or participant, by its global id. */
const version = async (typename: 'event' | 'participant', globalId: string) => {
  const { id } = decodeGlobalID(globalId);
  const row =
    typename === 'event'
      ? await server.db.prisma.event.findUniqueOrThrow({ where: { id } })
      : await server.db.prisma.participant.findUniqueOrThrow({ where: { id } });
  return row.version;
};

const VIEW = graphql(`
  {
    relationship(between: ["JP", "VN"]) {
      events(first: 1) {
        totalCount
      }
      countsByKind {
        kind
        count
      }
      countsByMonth {
        period
        count
        imprecise
      }
      topPairs(first: 50) {
        a {
          name
        }
        b {
          name
        }
        meetings
        lastMet {
          date
          precision
        }
        events {
          title
        }
      }
    }
  }
`);
type View = NonNullable<ResultOf<typeof VIEW>['relationship']>;
/** What the relationship view of Japan and Vietnam says now. */
async function relationshipNow(): Promise<View> {
  const relationship = dataOf(await server.gql(VIEW)).relationship;
  expect(relationship).not.toBeNull();
  return relationship!;
}

const ATTACH = graphql(
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
);
const DETACH = graphql(`
  mutation ($id: ID!) {
    detachParticipant(input: { participationId: $id }) {
      event {
        id
      }
    }
  }
`);
const UPDATE_PARTICIPANT = graphql(`
  mutation ($input: UpdateParticipantInput!) {
    updateParticipant(input: $input) {
      participant {
        version
      }
    }
  }
`);
const UPDATE_REMARK = graphql(`
  mutation ($input: UpdateRemarkInput!) {
    updateRemark(input: $input) {
      remark {
        id
      }
    }
  }
`);

describe('relationship summaries', () => {
  it('hold exactly after a sequence of writes of every kind', async () => {
    expect(await drift()).toEqual(EXACT);
    const before = await relationshipNow();

    // Created: a dated meeting, and one known only by its year with a new Japanese person in it.
    const first = await createEvent('Summaries meeting', { date: '2024-05-02', precision: 'DAY' }, [
      { participantId: ids.kishi, role: 'VISITOR' },
      { participantId: ids.giang, role: 'HOST' },
    ]);
    const second = await createEvent('Summaries year', { date: '2023-01-01', precision: 'YEAR' }, [
      { participantId: ids.giang, role: 'HOST' },
      {
        participant: { kind: 'PERSON', name: 'Summaries Attaché', countryId: ids.japan },
        role: 'VISITOR',
        citations: [{ sourceId: ids.source, quote: 'The attaché came.' }],
      },
    ]);
    expect(await drift()).toEqual(EXACT);
    const after = await relationshipNow();
    expect(after.events.totalCount).toBe(before.events.totalCount + 2);
    const pairOf = (view: View, a: string, b: string) =>
      view.topPairs.find((p) => p.a.name === a && p.b.name === b)?.meetings ?? 0;
    expect(pairOf(after, 'Nobuo Kishi', 'Phan Van Giang')).toBe(
      pairOf(before, 'Nobuo Kishi', 'Phan Van Giang') + 1,
    );
    expect(pairOf(after, 'Summaries Attaché', 'Phan Van Giang')).toBe(1);
    expect(after.countsByMonth.find((m) => m.period === '2023-01')?.imprecise).toBeGreaterThan(0);

    // Attached: Vietnam itself, and Kishi in a second role (still one meeting with Giang).
    const attachments: [string, VariablesOf<typeof ATTACH>['input']['role']][] = [
      [ids.vietnam, 'HOST'],
      [ids.kishi, 'SPEAKER'],
    ];
    for (const [participantId, role] of attachments) {
      await write(ATTACH, {
        input: {
          eventId: first.id,
          participantId,
          role,
          citations: [{ sourceId: ids.source, quote: `${role} too.` }],
        },
      });
      expect(await drift()).toEqual(EXACT);
    }
    expect(pairOf(await relationshipNow(), 'Nobuo Kishi', 'Phan Van Giang')).toBe(
      pairOf(after, 'Nobuo Kishi', 'Phan Van Giang'),
    );

    // Re-dated, less precisely, and re-kinded.
    await write(
      graphql(`
        mutation ($input: UpdateEventInput!) {
          updateEvent(input: $input) {
            event {
              version
            }
          }
        }
      `),
      {
        input: {
          id: second.id,
          version: await version('event', second.id),
          start: { date: '2022-06-01', precision: 'MONTH' },
          basis: fixtureBasis('startDate'),
          kind: 'VISIT',
        },
      },
    );
    expect(await drift()).toEqual(EXACT);
    // The pair who met only there last met at the new date (read from relationship_pair_event).
    const redated = (await relationshipNow()).topPairs.find(
      (p) => p.a.name === 'Summaries Attaché' && p.b.name === 'Phan Van Giang',
    );
    expect(redated).toMatchObject({
      meetings: 1,
      lastMet: { date: '2022-06-01', precision: 'MONTH' },
      events: [{ title: 'Summaries year' }],
    });

    // Detached: Giang leaves the second event (the attaché no longer met anyone there).
    const giangThere = second.participations.find((p) => p.role === 'HOST')!;
    await write(DETACH, { id: giangThere.id });
    expect(await drift()).toEqual(EXACT);

    // Soft-deleted and restored.
    const del = graphql(`
      mutation ($id: ID!, $v: Int!) {
        deleteEvent(input: { id: $id, version: $v }) {
          event {
            version
          }
        }
      }
    `);
    const restore = graphql(`
      mutation ($id: ID!, $v: Int!) {
        restoreEvent(input: { id: $id, version: $v }) {
          event {
            version
          }
        }
      }
    `);
    await write(del, { id: first.id, v: await version('event', first.id) });
    expect(await drift()).toEqual(EXACT);
    // The second event is no longer bilateral (Giang left it), the first is deleted.
    expect((await relationshipNow()).events.totalCount).toBe(before.events.totalCount);
    await write(restore, { id: first.id, v: await version('event', first.id) });
    expect(await drift()).toEqual(EXACT);

    // A person moved to the other country, then made an organisation, then a Japanese person again.
    const attachéId = second.participations.find((p) => p.role === 'VISITOR')!.participant.id;
    await write(ATTACH, {
      input: {
        eventId: first.id,
        participantId: attachéId,
        role: 'ATTENDEE',
        citations: [{ sourceId: ids.source, quote: 'The attaché attended.' }],
      },
    });
    expect(await drift()).toEqual(EXACT);
    const participantChanges: Partial<VariablesOf<typeof UPDATE_PARTICIPANT>['input']>[] = [
      { countryId: ids.vietnam },
      { kind: 'ORGANISATION' },
      { kind: 'PERSON', countryId: ids.japan },
    ];
    for (const change of participantChanges) {
      await write(UPDATE_PARTICIPANT, {
        input: { id: attachéId, version: await version('participant', attachéId), ...change },
      });
      expect(await drift()).toEqual(EXACT);
    }

    // Remarks: about the other side, about a region, at a bilateral event; re-topiced, re-dated, moved
    // to another event, deleted and restored.
    const remarkOf = async (topics: string[], eventId: string | null) =>
      (
        await write(
          graphql(`
            mutation ($input: CreateRemarkInput!) {
              createRemark(input: $input) {
                remark {
                  id
                }
              }
            }
          `),
          {
            input: {
              speakerId: ids.kishi,
              content: `Summaries remark ${topics.join(' ')}`,
              isDirectQuote: false,
              said: { date: '2024-05-02', precision: 'DAY' },
              basis: fixtureBasis('saidDate'),
              topics,
              eventId,
              citations: [{ sourceId: ids.source, quote: `Kishi on ${topics.join(' ')}.` }],
            },
          },
        )
      ).createRemark.remark.id;
    const remarks = [await remarkOf(['VN'], null), await remarkOf(['Indo-Pacific'], null)];
    remarks.push(await remarkOf(['CN'], first.id));
    expect(await drift()).toEqual(EXACT);
    const remarkVersion = async (globalId: string) =>
      (await server.db.prisma.remark.findUniqueOrThrow({ where: { id: decodeGlobalID(globalId).id } }))
        .version;
    const remarkChanges: Partial<VariablesOf<typeof UPDATE_REMARK>['input']>[] = [
      { topics: ['Indo-Pacific', 'VN'] },
      { topics: ['CN'] },
      { said: { date: '2019-01-01', precision: 'YEAR' }, basis: fixtureBasis('saidDate') },
      { eventId: second.id },
      { eventId: first.id },
    ];
    for (const change of remarkChanges) {
      await write(UPDATE_REMARK, {
        input: { id: remarks[0]!, version: await remarkVersion(remarks[0]!), ...change },
      });
      expect(await drift()).toEqual(EXACT);
    }
    await write(
      graphql(`
        mutation ($id: ID!, $v: Int!) {
          deleteRemark(input: { id: $id, version: $v }) {
            remark {
              id
            }
          }
        }
      `),
      { id: remarks[1]!, v: await remarkVersion(remarks[1]!) },
    );
    expect(await drift()).toEqual(EXACT);
    await write(
      graphql(`
        mutation ($id: ID!, $v: Int!) {
          restoreRemark(input: { id: $id, version: $v }) {
            remark {
              id
            }
          }
        }
      `),
      { id: remarks[1]!, v: await remarkVersion(remarks[1]!) },
    );
    expect(await drift()).toEqual(EXACT);
    // The event the remark was made at stops being bilateral (Vietnam's side leaves it): the remark
    // follows. (An event that remarks refer to cannot be deleted.)
    const vietnamese = await server.db.prisma.participation.findMany({
      where: {
        eventId: decodeGlobalID(first.id).id,
        participantId: { in: [decodeGlobalID(ids.giang).id, decodeGlobalID(ids.vietnam).id] },
      },
    });
    expect(vietnamese.length).toBe(2);
    for (const participation of vietnamese) {
      await write(DETACH, { id: encodeGlobalID('Participation', participation.id) });
      expect(await drift()).toEqual(EXACT);
    }

    // An agreement of both countries (one through its ministry-less person: Kishi for Japan), deleted
    // and restored.
    const agreement = (
      await write(
        graphql(`
          mutation ($input: CreateAgreementInput!) {
            createAgreement(input: $input) {
              agreement {
                id
              }
            }
          }
        `),
        {
          input: {
            kind: 'AGREEMENT',
            status: 'SIGNED',
            title: 'Summaries agreement',
            signed: { date: '2024-05-02', precision: 'DAY' },
            basis: fixtureBasis('signedDate'),
            parties: [
              { participantId: ids.kishi, citations: [{ sourceId: ids.source, quote: 'Kishi signed.' }] },
              { participantId: ids.vietnam, citations: [{ sourceId: ids.source, quote: 'Vietnam signed.' }] },
            ],
            citations: [{ sourceId: ids.source, quote: 'They agreed.' }],
          },
        },
      )
    ).createAgreement.agreement.id;
    expect(await drift()).toEqual(EXACT);
    const agreementVersion = async () =>
      (await server.db.prisma.agreement.findUniqueOrThrow({ where: { id: decodeGlobalID(agreement).id } }))
        .version;
    await write(
      graphql(`
        mutation ($id: ID!, $v: Int!) {
          deleteAgreement(input: { id: $id, version: $v }) {
            agreement {
              id
            }
          }
        }
      `),
      { id: agreement, v: await agreementVersion() },
    );
    expect(await drift()).toEqual(EXACT);
    await write(
      graphql(`
        mutation ($id: ID!, $v: Int!) {
          restoreAgreement(input: { id: $id, version: $v }) {
            agreement {
              id
            }
          }
        }
      `),
      { id: agreement, v: await agreementVersion() },
    );
    expect(await drift()).toEqual(EXACT);

    // Concurrent writers on the same pair and month do not lose each other's counts.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        createEvent(`Summaries concurrent ${i}`, { date: '2024-05-03', precision: 'DAY' }, [
          { participantId: ids.kishi, role: 'VISITOR' },
          { participantId: ids.giang, role: 'HOST' },
        ]),
      ),
    );
    expect(await drift()).toEqual(EXACT);

    // Hard-deleted (what the bench's clean-up does with its writes), participations cascading.
    await server.db.prisma.$executeRaw`DELETE FROM event WHERE title = 'Summaries concurrent 0'`;
    expect(await drift()).toEqual(EXACT);
  });

  it('rebuilds to the same rows', async () => {
    const snapshot = () =>
      server.db.prisma.$queryRaw<{ n: number }[]>`
        SELECT (SELECT count(*) FROM relationship_event)::int + (SELECT coalesce(sum(n), 0) FROM relationship_kind_count)::int
             + (SELECT coalesce(sum(meetings), 0) FROM relationship_pair)::int AS n`;
    const [before] = await snapshot();
    await server.db.prisma.$executeRaw`SELECT relationship_summaries_rebuild()`;
    expect(await snapshot()).toEqual([before]);
    expect(await drift()).toEqual(EXACT);
  });
});
