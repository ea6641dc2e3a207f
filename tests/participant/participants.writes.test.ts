// Writes of participants over HTTP: create (with idempotent replay), update, soft delete and restore;
// validation that names the field and writes nothing, stale versions, unknown ids, FORBIDDEN for readers,
// an audit entry for each write, and deletes refused while live records refer to the participant.
import { describe, expect, it } from 'vitest';
import { graphql } from '../helpers/graphql.js';
import { dataOf } from '../helpers/test-server.js';
import {
  auditTrail,
  counts,
  editor,
  gid,
  ids,
  reader,
  refused,
  server,
  useWriteServer,
} from '../helpers/writes.js';
import {
  CREATE_PARTICIPANT,
  UPDATE_PARTICIPANT,
  DELETE_PARTICIPANT,
  RESTORE_PARTICIPANT,
  newParticipant,
  type ParticipantInput,
} from './participant.fixtures.js';

useWriteServer();

describe('participants', () => {
  it('creates a participant, readable by slug and in the list, with an audit entry', async () => {
    const before = await counts();
    const res = await server.gql(
      CREATE_PARTICIPANT,
      {
        input: {
          kind: 'PERSON',
          name: 'Test Defence Attaché',
          aliases: ['The Attaché'],
          countryId: ids.japan,
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).createParticipant).toMatchObject({
      replayed: false,
      participant: { slug: 'test-defence-attache', kind: 'PERSON', version: 1, country: { isoCode: 'JP' } },
    });
    const after = await counts();
    expect(after.participants - before.participants).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    const read = await server.gql(
      graphql(`
        {
          participant(slug: "test-defence-attache") {
            name
            aliases
          }
          participants(filter: { name: "Defence Attaché" }) {
            totalCount
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    expect(dataOf(read).participant).toEqual({ name: 'Test Defence Attaché', aliases: ['The Attaché'] });
    expect(dataOf(read).participants.edges.map((e) => e.node.slug)).toEqual(['test-defence-attache']);
    const { actions, entries } = await auditTrail(dataOf(res).createParticipant.participant.id);
    expect(actions).toEqual(['createParticipant:CREATE']);
    expect(entries[0]!.after).toMatchObject({ name: 'Test Defence Attaché' });
  });

  it('returns the first result for a retried idempotency key', async () => {
    const input: ParticipantInput = {
      kind: 'ORGANISATION',
      name: 'Idempotent Agency',
      countryId: ids.vietnam,
    };
    const first = await server.gql(CREATE_PARTICIPANT, { input, key: 'participant-1' }, editor);
    const before = await counts();
    const again = await server.gql(CREATE_PARTICIPANT, { input, key: 'participant-1' }, editor);
    expect(dataOf(again).createParticipant.replayed).toBe(true);
    expect(dataOf(again).createParticipant.participant.id).toBe(
      dataOf(first).createParticipant.participant.id,
    );
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a blank name', { kind: 'PERSON', name: '  ' }, 'input.name'],
    ['a COUNTRY without an ISO code', { kind: 'COUNTRY', name: 'Atlantis' }, 'input.isoCode'],
    ['an ISO code on a person', { kind: 'PERSON', name: 'Someone', isoCode: 'FR' }, 'input.isoCode'],
    ['a bad slug', { kind: 'PERSON', name: 'Someone', slug: 'Some One' }, 'input.slug'],
    [
      'an unknown country',
      { kind: 'PERSON', name: 'Someone', countryId: gid('Participant') },
      'input.countryId',
    ],
    [
      'a country that is not a COUNTRY',
      { kind: 'PERSON', name: 'Someone', countryId: 'KISHI' },
      'input.countryId',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, given, field) => {
    const input: Record<string, unknown> = { ...given };
    if (input.countryId === 'KISHI') input.countryId = ids.kishi;
    await refused(CREATE_PARTICIPANT, { input }, 'BAD_USER_INPUT', field);
  });

  it('refuses a taken slug or ISO code with CONFLICT', async () => {
    await refused(
      CREATE_PARTICIPANT,
      { input: { kind: 'PERSON', name: 'Kishi 2', slug: 'nobuo-kishi' } },
      'CONFLICT',
      'input.slug',
    );
    await refused(
      CREATE_PARTICIPANT,
      { input: { kind: 'COUNTRY', name: 'Japan 2', isoCode: 'JP' } },
      'CONFLICT',
      'input.isoCode',
    );
  });

  it('refuses readers with FORBIDDEN, writing nothing', async () => {
    const before = await counts();
    const res = await server.gql(CREATE_PARTICIPANT, { input: { kind: 'PERSON', name: 'Nobody' } }, reader);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('updates only the fields given, bumps the version and records before and after', async () => {
    const p = await newParticipant({ kind: 'PERSON', name: 'To Be Renamed' });
    const res = await server.gql(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 1, name: 'Renamed Person', countryId: ids.vietnam } },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).updateParticipant.participant).toMatchObject({
      name: 'Renamed Person',
      slug: 'to-be-renamed',
      version: 2,
      country: { isoCode: 'VN' },
    });
    const { actions, entries } = await auditTrail(p.id);
    expect(actions).toEqual(['createParticipant:CREATE', 'updateParticipant:UPDATE']);
    expect(entries[1]!.before).toMatchObject({ name: 'To Be Renamed', version: 1 });
    expect(entries[1]!.after).toMatchObject({ name: 'Renamed Person', version: 2 });
    // Clearing an optional field with null.
    const cleared = await server.gql(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 2, countryId: null } },
      editor,
    );
    expect(dataOf(cleared).updateParticipant.participant).toMatchObject({ version: 3, country: null });
  });

  it('checks the country rules on the participant as it will be after the update', async () => {
    const p = await newParticipant({ kind: 'PERSON', name: 'Would-be Country', countryId: ids.japan });
    await refused(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 1, kind: 'COUNTRY' } },
      'BAD_USER_INPUT',
      'input.isoCode',
    );
    await refused(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 1, kind: 'COUNTRY', isoCode: 'IS' } },
      'BAD_USER_INPUT',
      'input.countryId',
    );
    await refused(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 1, isoCode: 'IS' } },
      'BAD_USER_INPUT',
      'input.isoCode',
    );
    await refused(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 1, kind: 'COUNTRY', isoCode: 'JP', countryId: null } },
      'CONFLICT',
      'input.isoCode',
    );
    await refused(
      UPDATE_PARTICIPANT,
      { input: { id: ids.japan, version: 1, kind: 'ORGANISATION', isoCode: null } },
      'CONFLICT',
      'input.kind',
    );
    const ok = await server.gql(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 1, kind: 'COUNTRY', isoCode: 'IS', countryId: null } },
      editor,
    );
    expect(ok.errors).toBeUndefined();
    expect(dataOf(ok).updateParticipant.participant).toMatchObject({
      kind: 'COUNTRY',
      isoCode: 'IS',
      country: null,
      version: 2,
    });
  });

  it('refuses a stale version with CONFLICT, an unknown id with NOT_FOUND and a taken slug with CONFLICT', async () => {
    const p = await newParticipant({ kind: 'PERSON', name: 'Guarded Person' });
    const stale = await refused(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 5, name: 'x' } },
      'CONFLICT',
      'input.version',
    );
    expect(stale.extensions?.currentVersion).toBe(1);
    await refused(
      UPDATE_PARTICIPANT,
      { input: { id: gid('Participant'), version: 1, name: 'x' } },
      'NOT_FOUND',
      'input.id',
    );
    await refused(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 1, slug: 'nobuo-kishi' } },
      'CONFLICT',
      'input.slug',
    );
    await refused(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 1, name: null } },
      'BAD_USER_INPUT',
      'input.name',
    );
  });

  it('soft-deletes a participant (gone from the list, slug lookup and node) and restores it', async () => {
    const p = await newParticipant({ kind: 'PERSON', name: 'Ephemeral Person' });
    const del = await server.gql(DELETE_PARTICIPANT, { id: p.id, version: 1 }, editor);
    expect(dataOf(del).deleteParticipant.participant.version).toBe(2);
    const gone = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            id
          }
          participants(filter: { name: "Ephemeral" }) {
            totalCount
          }
        }
      `),
      { id: p.id },
    );
    expect(dataOf(gone)).toEqual({ node: null, participants: { totalCount: 0 } });
    const bySlug = await server.gql(
      graphql(`
        {
          participant(slug: "ephemeral-person") {
            id
          }
        }
      `),
    );
    expect(bySlug.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await refused(DELETE_PARTICIPANT, { id: p.id, version: 2 }, 'NOT_FOUND', 'input.id');
    await refused(RESTORE_PARTICIPANT, { id: p.id, version: 1 }, 'CONFLICT', 'input.version');
    const restore = await server.gql(RESTORE_PARTICIPANT, { id: p.id, version: 2 }, editor);
    expect(dataOf(restore).restoreParticipant.participant).toEqual({ version: 3, name: 'Ephemeral Person' });
    await refused(RESTORE_PARTICIPANT, { id: p.id, version: 3 }, 'CONFLICT', 'input.id');
    const back = await server.gql(
      graphql(`
        {
          participant(slug: "ephemeral-person") {
            name
          }
        }
      `),
    );
    expect(dataOf(back).participant?.name).toBe('Ephemeral Person');
    const { actions } = await auditTrail(p.id);
    expect(actions).toEqual([
      'createParticipant:CREATE',
      'deleteParticipant:DELETE',
      'restoreParticipant:RESTORE',
    ]);
  });

  it('refuses to delete a participant that live records refer to, saying which', async () => {
    const kishi = await server.gql(
      graphql(`
        {
          participant(slug: "nobuo-kishi") {
            version
          }
        }
      `),
    );
    const participant = dataOf(kishi).participant;
    expect(participant).not.toBeNull();
    const error = await refused(
      DELETE_PARTICIPANT,
      { id: ids.kishi, version: participant!.version },
      'CONFLICT',
      'input.id',
    );
    expect(error.message).toMatch(/participations in events/);
    expect(error.message).toMatch(/remarks/);
    await refused(DELETE_PARTICIPANT, { id: ids.japan, version: 1 }, 'CONFLICT', 'input.id');
  });
});
