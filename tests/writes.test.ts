// Event writes over HTTP: the happy paths, validation that names the field and writes nothing, versions,
// idempotent retries, all-or-nothing nested creates, and an audit entry for each write.
import { describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { fixtureBasis } from './helpers/fixture-basis.js';
import { graphql, type VariablesOf } from './helpers/graphql.js';
import { dataOf } from './helpers/test-server.js';
import { admin, auditTrail, counts, editor, ids, server, useWriteServer } from './helpers/writes.js';

const CREATE = graphql(`
  mutation Create($input: CreateEventInput!, $key: String) {
    createEvent(input: $input, idempotencyKey: $key) {
      replayed
      event {
        id
        slug
        version
        title
        start {
          date
          precision
        }
        participations {
          role
          participant {
            name
          }
          citations {
            quote
            source {
              title
            }
          }
        }
        citations {
          quote
          source {
            id
            title
            url
          }
        }
      }
    }
  }
`);

/**
 * A valid event to create, with `overrides` on top; these are not checked against the schema, so that a
 * test can send what the server must refuse.
 */
function eventInput(overrides: Record<string, unknown> = {}): VariablesOf<typeof CREATE>['input'] {
  return {
    kind: 'MEETING',
    title: 'Defence ministers meet in Hanoi',
    summary: 'The two defence ministers discussed equipment transfers.',
    start: { date: '2026-03-10', precision: 'DAY' },
    basis: fixtureBasis('startDate'),
    participants: [
      { participantId: ids.kishi, role: 'VISITOR' },
      { participantId: ids.giang, role: 'HOST' },
    ],
    citations: [{ sourceId: ids.source, quote: 'Kishi and Giang met in Hanoi.' }],
    ...overrides,
  };
}

const VIEWER = graphql(`
  {
    viewer {
      name
    }
  }
`);

useWriteServer();

describe('createEvent', () => {
  it('creates an event with participants, citations and a new source in one go, readable at once', async () => {
    const before = await counts();
    const res = await server.gql(
      CREATE,
      {
        input: eventInput({
          participants: [
            { participantId: ids.kishi, role: 'VISITOR' },
            { participantId: ids.giang, role: 'HOST' },
            {
              participant: { kind: 'PERSON', name: 'Test Attaché', countryId: ids.japan },
              role: 'ATTENDEE',
              citations: [
                {
                  quote: 'The attaché attended.',
                  source: {
                    kind: 'NEWS_ARTICLE',
                    title: 'Attaché report',
                    url: 'https://example.org/attache',
                  },
                },
              ],
            },
          ],
          citations: [
            { sourceId: ids.source, quote: 'Kishi and Giang met in Hanoi.' },
            {
              quote: 'The ministers met on 10 March.',
              source: { kind: 'NEWS_ARTICLE', title: 'Hanoi meeting', url: 'https://example.org/hanoi' },
            },
          ],
        }),
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    const event = dataOf(res).createEvent.event;
    expect(dataOf(res).createEvent.replayed).toBe(false);
    expect(event.slug).toBe('defence-ministers-meet-in-hanoi-2026-03-10');
    expect(event.version).toBe(1);
    expect(event.participations.map((p) => `${p.role}:${p.participant.name}`).sort()).toEqual([
      'ATTENDEE:Test Attaché',
      'HOST:Phan Van Giang',
      'VISITOR:Nobuo Kishi',
    ]);
    // Without citations of its own, a participation rests on the event's.
    const host = event.participations.find((p) => p.role === 'HOST')!;
    expect(host.citations).toHaveLength(2);
    expect(event.citations.map((c) => c.source.url)).toContain('https://example.org/hanoi');
    const after = await counts();
    expect(after.events - before.events).toBe(1);
    expect(after.participants - before.participants).toBe(1);
    expect(after.sources - before.sources).toBe(2);
    expect(after.participations - before.participations).toBe(3);
    // 2 event citations + 2 + 2 inherited by the two existing participants + 1 for the new one.
    expect(after.citations - before.citations).toBe(7);
    // One audit entry per created row: event, participant, 2 sources, 3 participations, 7 citations.
    expect(after.audit - before.audit).toBe(14);

    const read = await server.gql(
      graphql(`
        query ($slug: String!) {
          event(slug: $slug) {
            title
          }
        }
      `),
      { slug: event.slug },
    );
    expect(dataOf(read).event?.title).toBe('Defence ministers meet in Hanoi');
  });

  it('refuses anonymous callers with UNAUTHENTICATED and readers with FORBIDDEN, writing nothing', async () => {
    const before = await counts();
    const anonymous = await server.gql(CREATE, { input: eventInput() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await bearer(server.db, 'READER');
    const weak = await server.gql(CREATE, { input: eventInput() }, reader);
    expect(weak.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('answers a forged, revoked or expired key with HTTP 401 UNAUTHENTICATED, even for reads', async () => {
    const forged = await server.gql(
      graphql(`
        {
          events(first: 1) {
            totalCount
          }
        }
      `),
      {},
      { authorization: 'Bearer jvlog_not-a-real-key' },
    );
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const malformed = await server.gql(VIEWER, {}, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(malformed.status).toBe(401);

    const key = await bearer(server.db, 'EDITOR', 'soon-revoked');
    const revoke = await server.gql(
      graphql(`
        mutation ($id: ID!) {
          revokeApiKey(input: { id: $id }) {
            apiKey {
              name
              revokedAt
            }
          }
        }
      `),
      { id: key.keyId },
      admin,
    );
    expect(dataOf(revoke).revokeApiKey.apiKey.revokedAt).not.toBeNull();
    const revoked = await server.gql(CREATE, { input: eventInput() }, key);
    expect(revoked.status).toBe(401);
    expect(revoked.errors?.[0]?.message).toMatch(/revoked/);

    const expiring = await bearer(server.db, 'EDITOR', 'expired');
    await server.db.prisma.apiKey.update({
      where: { id: expiring.keyId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await server.gql(VIEWER, {}, expiring);
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0]?.message).toMatch(/expired/);
  });

  it.each([
    ['a blank title', { title: '   ' }, 'input.title'],
    [
      'a MONTH date that is not the 1st',
      { start: { date: '2026-03-10', precision: 'MONTH' } },
      'input.start.date',
    ],
    ['an end before the start', { end: { date: '2026-03-01', precision: 'DAY' } }, 'input.end.date'],
    ['no citations', { citations: [] }, 'input.citations'],
    [
      'a citation with neither source nor sourceId',
      { citations: [{ quote: 'x' }] },
      'input.citations.0.sourceId',
    ],
    ['a malformed CAMEO code', { cameoCode: '5x' }, 'input.cameoCode'],
    ['a bad slug', { slug: 'Not A Slug' }, 'input.slug'],
    [
      'an id of the wrong type',
      { placeCountryId: 'RXZlbnQ6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw' },
      'input.placeCountryId',
    ],
    [
      'an unknown participant',
      {
        participants: [
          {
            participantId: Buffer.from('Participant:00000000-0000-4000-8000-000000000000').toString('base64'),
            role: 'HOST',
          },
        ],
      },
      'input.participants.0.participantId',
    ],
    ['the same participant twice in a role', { participants: [{ participantId: 'X', role: 'HOST' }] }, null],
    [
      'a new participant that is a country without an ISO code',
      { participants: [{ participant: { kind: 'COUNTRY', name: 'Atlantis' }, role: 'HOST' }] },
      'input.participants.0.participant.isoCode',
    ],
    [
      'an ftp URL for a new source',
      { citations: [{ quote: 'q', source: { kind: 'OTHER', title: 't', url: 'ftp://example.org/x' } }] },
      'input.citations.0.source.url',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    if (field === null) {
      overrides = {
        participants: [
          { participantId: ids.kishi, role: 'HOST' },
          { participantId: ids.kishi, role: 'HOST' },
        ],
      };
      field = 'input.participants.1';
    }
    const before = await counts();
    const res = await server.gql(CREATE, { input: eventInput(overrides) }, editor);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses an enum value GraphQL does not know, before anything runs', async () => {
    const res = await server.gql(CREATE, { input: eventInput({ kind: 'PICNIC' }) }, editor);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a duplicate slug or source URL with CONFLICT, writing nothing', async () => {
    const hanoi = { kind: 'NEWS_ARTICLE', title: 'Hanoi meeting', url: 'https://example.org/hanoi' };
    const existing = await server.gql(
      CREATE,
      { input: eventInput({ citations: [{ quote: 'The ministers met on 10 March.', source: hanoi }] }) },
      editor,
    );
    expect(dataOf(existing).createEvent.event.slug).toBe('defence-ministers-meet-in-hanoi-2026-03-10');
    const before = await counts();
    const slug = await server.gql(
      CREATE,
      { input: eventInput({ slug: 'defence-ministers-meet-in-hanoi-2026-03-10' }) },
      editor,
    );
    expect(slug.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    const url = await server.gql(
      CREATE,
      {
        input: eventInput({
          citations: [
            {
              quote: 'q',
              source: { kind: 'NEWS_ARTICLE', title: 'again', url: 'https://example.org/hanoi' },
            },
          ],
        }),
      },
      editor,
    );
    expect(url.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.citations.0.source.url',
    });
    expect(await counts()).toEqual(before);
  });

  it('leaves nothing behind when a nested create fails midway', async () => {
    const before = await counts();
    // The new participant and the first new source are written before the second new participant's
    // slug clashes: the whole transaction must roll back.
    const res = await server.gql(
      CREATE,
      {
        input: eventInput({
          citations: [
            {
              quote: 'q',
              source: { kind: 'NEWS_ARTICLE', title: 'Midway', url: 'https://example.org/midway' },
            },
          ],
          participants: [
            { participant: { kind: 'PERSON', name: 'Midway Person' }, role: 'HOST' },
            { participant: { kind: 'PERSON', name: 'Clash', slug: 'nobuo-kishi' }, role: 'VISITOR' },
          ],
        }),
      },
      editor,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.participants.1.participant.slug',
    });
    expect(await counts()).toEqual(before);
    expect(await server.db.prisma.source.count({ where: { url: 'https://example.org/midway' } })).toBe(0);
  });

  it('returns the first result for a retried idempotency key and writes one event', async () => {
    const before = await counts();
    const input = eventInput({ title: 'Idempotent meeting' });
    const [first, second] = await Promise.all([
      server.gql(CREATE, { input, key: 'retry-1' }, editor),
      server.gql(CREATE, { input, key: 'retry-1' }, editor),
    ]);
    const third = await server.gql(CREATE, { input, key: 'retry-1' }, editor);
    for (const res of [first, second, third]) expect(res.errors).toBeUndefined();
    const eventIds = new Set([first, second, third].map((r) => dataOf(r).createEvent.event.id));
    expect(eventIds.size).toBe(1);
    expect([first, second, third].filter((r) => dataOf(r).createEvent.replayed)).toHaveLength(2);
    expect((await counts()).events - before.events).toBe(1);

    const reused = await server.gql(
      CREATE,
      { input: { ...input, title: 'Something else' }, key: 'retry-1' },
      editor,
    );
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });
});

const UPDATE = graphql(`
  mutation Update($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      event {
        id
        version
        title
        summary
        end {
          date
        }
      }
    }
  }
`);
const NODE = graphql(`
  query ($id: ID!) {
    node(id: $id) {
      id
    }
  }
`);

describe('updateEvent, deleteEvent, restoreEvent', () => {
  async function freshEvent(title: string) {
    const res = await server.gql(CREATE, { input: eventInput({ title }) }, editor);
    return dataOf(res).createEvent.event;
  }

  it('updates only the fields given, bumps the version and records before and after', async () => {
    const event = await freshEvent('To be renamed');
    const res = await server.gql(UPDATE, { input: { id: event.id, version: 1, title: 'Renamed' } }, editor);
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).updateEvent.event).toMatchObject({
      title: 'Renamed',
      version: 2,
      summary: eventInput().summary,
    });
    const update = (await auditTrail(event.id)).entries.at(-1);
    expect(update).toMatchObject({ operation: 'updateEvent', action: 'UPDATE', apiKey: { role: 'EDITOR' } });
    // The snapshots are JSON: the record's fields before and after.
    expect(update!.before).toMatchObject({ title: 'To be renamed' });
    expect(update!.after).toMatchObject({ title: 'Renamed', version: 2 });
  });

  it('lets exactly one of two concurrent updates with the same version win; the other gets CONFLICT', async () => {
    const event = await freshEvent('Contested');
    const results = await Promise.all(
      ['Title A', 'Title B'].map((title) =>
        server.gql(UPDATE, { input: { id: event.id, version: 1, title } }, editor),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]!.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.version',
      currentVersion: 2,
    });
    const row = await server.db.prisma.event.findUniqueOrThrow({
      where: { id: Buffer.from(event.id, 'base64').toString().split(':')[1]! },
    });
    expect(row.title).toBe(dataOf(winners[0]!).updateEvent.event.title);
    expect(row.version).toBe(2);
  });

  it('refuses a stale version, an unknown id and an invalid change, writing nothing', async () => {
    const event = await freshEvent('Guarded');
    const before = await counts();
    const stale = await server.gql(UPDATE, { input: { id: event.id, version: 7, title: 'x' } }, editor);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const unknown = await server.gql(
      UPDATE,
      {
        input: {
          id: Buffer.from('Event:00000000-0000-4000-8000-000000000000').toString('base64'),
          version: 1,
        },
      },
      editor,
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
    const backwards = await server.gql(
      UPDATE,
      { input: { id: event.id, version: 1, end: { date: '2020-01-01' } } },
      editor,
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.end.date',
    });
    const nullTitle = await server.gql(UPDATE, { input: { id: event.id, version: 1, title: null } }, editor);
    expect(nullTitle.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    expect(await counts()).toEqual(before);
  });

  it('soft-deletes an event (gone from reads, its participations too) and restores it', async () => {
    const event = await freshEvent('Ephemeral');
    const parts = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            ... on Event {
              participations {
                id
              }
            }
          }
        }
      `),
      { id: event.id },
    );
    const node = dataOf(parts).node;
    const dependents = node && 'participations' in node ? node.participations.map((p) => p.id) : [];
    expect(dependents.length).toBeGreaterThan(1);
    const dependentNodes = async () =>
      dataOf(
        await server.gql(
          graphql(`
            query ($ids: [ID!]!) {
              nodes(ids: $ids) {
                id
              }
            }
          `),
          { ids: dependents },
        ),
      ).nodes;
    expect(await dependentNodes()).toEqual(dependents.map((id) => ({ id })));
    const del = await server.gql(
      graphql(`
        mutation ($id: ID!) {
          deleteEvent(input: { id: $id, version: 1 }) {
            event {
              version
              deletedAt
            }
          }
        }
      `),
      { id: event.id },
      editor,
    );
    expect(dataOf(del).deleteEvent.event.version).toBe(2);
    expect(dataOf(del).deleteEvent.event.deletedAt).not.toBeNull();
    const gone = await server.gql(NODE, { id: event.id });
    expect(dataOf(gone).node).toBeNull();
    // Nor can its participations be reached by id, which would lead back to it.
    expect(await dependentNodes()).toEqual(dependents.map(() => null));
    const bySlug = await server.gql(
      graphql(`
        {
          event(slug: "ephemeral-2026-03-10") {
            id
          }
        }
      `),
    );
    expect(bySlug.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const again = await server.gql(
      graphql(`
        mutation ($id: ID!) {
          deleteEvent(input: { id: $id, version: 2 }) {
            event {
              version
            }
          }
        }
      `),
      { id: event.id },
      editor,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const restore = await server.gql(
      graphql(`
        mutation ($id: ID!) {
          restoreEvent(input: { id: $id, version: 2 }) {
            event {
              version
              title
              deletedAt
            }
          }
        }
      `),
      { id: event.id },
      editor,
    );
    expect(dataOf(restore).restoreEvent.event).toEqual({ version: 3, title: 'Ephemeral', deletedAt: null });
    const back = await server.gql(NODE, { id: event.id });
    expect(dataOf(back).node).toEqual({ id: event.id });
    expect(await dependentNodes()).toEqual(dependents.map((id) => ({ id })));
  });
});

describe('restoring an event whose sources went away', () => {
  it('is refused with CONFLICT while a source its claims or its participations cite is deleted', async () => {
    const source = async (title: string) => {
      const res = await server.gql(
        graphql(`
          mutation ($input: CreateSourceInput!) {
            createSource(input: $input) {
              source {
                id
              }
            }
          }
        `),
        { input: { kind: 'NEWS_ARTICLE', title, url: `https://example.org/${title.replaceAll(' ', '-')}` } },
        editor,
      );
      expect(res.errors).toBeUndefined();
      return dataOf(res).createSource.source.id;
    };
    const deleteSource = (id: string) =>
      server.gql(
        graphql(`
          mutation ($id: ID!) {
            deleteSource(input: { id: $id, version: 1 }) {
              source {
                id
              }
            }
          }
        `),
        { id },
        editor,
      );
    const [ownSource, participationSource] = [await source('event source'), await source('attendee source')];
    const created = await server.gql(
      CREATE,
      {
        input: eventInput({
          title: 'Cited by sources soon gone',
          citations: [{ sourceId: ownSource, quote: 'They met.' }],
          participants: [
            { participantId: ids.kishi, role: 'VISITOR' },
            {
              participantId: ids.giang,
              role: 'HOST',
              citations: [{ sourceId: participationSource, quote: 'Giang hosted.' }],
            },
          ],
        }),
      },
      editor,
    );
    expect(created.errors).toBeUndefined();
    const event = dataOf(created).createEvent.event;
    // While the event is live its sources cannot go; once it is deleted, they can.
    expect((await deleteSource(ownSource)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await server.gql(
      graphql(`
        mutation ($id: ID!) {
          deleteEvent(input: { id: $id, version: 1 }) {
            event {
              id
            }
          }
        }
      `),
      { id: event.id },
      editor,
    );
    for (const id of [ownSource, participationSource])
      expect((await deleteSource(id)).errors).toBeUndefined();

    const restore = () =>
      server.gql(
        graphql(`
          mutation ($id: ID!) {
            restoreEvent(input: { id: $id, version: 2 }) {
              event {
                id
              }
            }
          }
        `),
        { id: event.id },
        editor,
      );
    const before = await counts();
    const refused = await restore();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(refused.errors?.[0]?.message).toMatch(/deleted source/);
    expect(await counts()).toEqual(before);
    // The event's own source back, the participation's still gone: still refused.
    const restoreSource = (id: string) =>
      server.gql(
        graphql(`
          mutation ($id: ID!) {
            restoreSource(input: { id: $id, version: 2 }) {
              source {
                id
              }
            }
          }
        `),
        { id },
        editor,
      );
    expect((await restoreSource(ownSource)).errors).toBeUndefined();
    expect((await restore()).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await restoreSource(participationSource)).errors).toBeUndefined();
    expect((await restore()).errors).toBeUndefined();
  });
});

describe('deleting an event others depend on', () => {
  it('is refused with CONFLICT while live remarks refer to it, naming them, and writes nothing', async () => {
    const data = dataOf(
      await server.gql(
        graphql(`
          {
            events(first: 50) {
              edges {
                node {
                  id
                  version
                  remarks {
                    id
                  }
                }
              }
            }
          }
        `),
      ),
    );
    const event = data.events.edges.map((e) => e.node).find((e) => e.remarks.length > 0);
    expect(event).toBeDefined();
    const before = await counts();
    const res = await server.gql(
      graphql(`
        mutation ($id: ID!, $v: Int!) {
          deleteEvent(input: { id: $id, version: $v }) {
            event {
              id
            }
          }
        }
      `),
      { id: event!.id, v: event!.version },
      editor,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.id' });
    expect(res.errors?.[0]?.message).toMatch(/remark/);
    expect(await counts()).toEqual(before);
  });
});

describe('attachParticipant and detachParticipant', () => {
  const ATTACH = graphql(`
    mutation ($input: AttachParticipantInput!) {
      attachParticipant(input: $input) {
        event {
          id
        }
      }
    }
  `);

  it('adds a participation with its citations and removes it again', async () => {
    const created = await server.gql(
      CREATE,
      { input: eventInput({ title: 'Attach test', participants: [] }) },
      editor,
    );
    const eventId = dataOf(created).createEvent.event.id;
    const attach = await server.gql(
      graphql(`
        mutation ($input: AttachParticipantInput!) {
          attachParticipant(input: $input) {
            event {
              participations {
                id
                role
                participant {
                  name
                }
                citations {
                  quote
                }
              }
            }
          }
        }
      `),
      {
        input: {
          eventId,
          participantId: ids.vietnam,
          role: 'HOST',
          citations: [{ sourceId: ids.source, quote: 'Vietnam hosted.' }],
        },
      },
      editor,
    );
    expect(attach.errors).toBeUndefined();
    const [participation] = dataOf(attach).attachParticipant.event.participations;
    expect(participation).toMatchObject({
      role: 'HOST',
      participant: { name: 'Vietnam' },
      citations: [{ quote: 'Vietnam hosted.' }],
    });
    const twice = await server.gql(
      ATTACH,
      {
        input: {
          eventId,
          participantId: ids.vietnam,
          role: 'HOST',
          citations: [{ sourceId: ids.source, quote: 'again' }],
        },
      },
      editor,
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const uncited = await server.gql(
      ATTACH,
      { input: { eventId, participantId: ids.japan, role: 'VISITOR', citations: [] } },
      editor,
    );
    expect(uncited.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.citations',
    });
    const detach = await server.gql(
      graphql(`
        mutation ($id: ID!) {
          detachParticipant(input: { participationId: $id }) {
            event {
              participations {
                id
              }
            }
          }
        }
      `),
      { id: participation!.id },
      editor,
    );
    expect(dataOf(detach).detachParticipant.event.participations).toEqual([]);
  });
});

describe('audit log', () => {
  it('is for admins only, filterable by key and time, and the database refuses to change it', async () => {
    const asEditor = await server.gql(
      graphql(`
        {
          auditLog(first: 1) {
            totalCount
          }
        }
      `),
      {},
      editor,
    );
    expect(asEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // This test's editor writes an event; another editor's write must not show under its key.
    const before = await counts();
    expect((await server.gql(CREATE, { input: eventInput() }, editor)).errors).toBeUndefined();
    const written = (await counts()).audit - before.audit;
    const other = await bearer(server.db, 'EDITOR');
    const otherTitle = 'Written under another key';
    expect(
      (await server.gql(CREATE, { input: eventInput({ title: otherTitle }) }, other)).errors,
    ).toBeUndefined();
    const editorKey = (editor as AuthHeaders & { keyId: string }).keyId;
    const byKey = await server.gql(
      graphql(`
        query ($key: ID!, $from: DateTime!) {
          auditLog(first: 100, filter: { apiKeyId: $key, from: $from }) {
            totalCount
            edges {
              node {
                apiKey {
                  id
                }
                occurredAt
              }
            }
          }
        }
      `),
      { key: editorKey, from: new Date(Date.now() - 3_600_000).toISOString() },
      admin,
    );
    expect(written).toBeGreaterThan(1);
    expect(dataOf(byKey).auditLog.totalCount).toBe(written);
    expect(dataOf(byKey).auditLog.edges.every((e) => e.node.apiKey.id === editorKey)).toBe(true);
    await expect(server.db.prisma.$executeRaw`UPDATE audit_entry SET operation = 'forged'`).rejects.toThrow(
      /append-only/,
    );
    await expect(server.db.prisma.$executeRaw`DELETE FROM audit_entry`).rejects.toThrow(/append-only/);
  });
});
