// Writes of positions (a person's offices) over HTTP: create with citations, update checked against the
// kept dates, soft delete and restore, FORBIDDEN for readers, and deletes refused while remarks name the office.
import { describe, expect, it } from 'vitest';
import { fixtureBasis } from '../helpers/fixture-basis.js';
import { graphql } from '../helpers/graphql.js';
import { dataOf } from '../helpers/test-server.js';
import {
  auditTrail,
  cite,
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
  CREATE_POSITION,
  UPDATE_POSITION,
  DELETE_POSITION,
  RESTORE_POSITION,
  positionInput,
  newPosition,
  type PositionInput,
} from './participant.fixtures.js';

useWriteServer();

describe('positions', () => {
  it('creates a position with its citations, listed under its holder, with audit entries', async () => {
    const before = await counts();
    const res = await server.gql(CREATE_POSITION, { input: positionInput() }, editor);
    expect(res.errors).toBeUndefined();
    const position = dataOf(res).createPosition.position;
    expect(position).toMatchObject({
      title: 'Special Adviser',
      version: 1,
      holder: { name: 'Nobuo Kishi' },
      organisation: { slug: 'japan-ministry-of-defense' },
      start: { date: '2022-01-01', precision: 'MONTH' },
      end: null,
      citations: [{ quote: 'Kishi became special adviser.' }],
    });
    const after = await counts();
    expect(after.positions - before.positions).toBe(1);
    expect(after.citations - before.citations).toBe(1);
    expect(after.audit - before.audit).toBe(2);
    const read = await server.gql(
      graphql(`
        {
          participant(slug: "nobuo-kishi") {
            positions {
              id
              title
            }
          }
        }
      `),
    );
    expect(dataOf(read).participant?.positions.map((p) => p.id)).toContain(position.id);
    expect((await auditTrail(position.id)).actions).toEqual(['createPosition:CREATE']);
    expect((await auditTrail(position.citations[0]!.id)).actions).toEqual(['createPosition:CREATE']);
  });

  it.each<[string, Partial<PositionInput>, string]>([
    ['no citations', { citations: [] }, 'input.citations'],
    ['a blank title', { title: '' }, 'input.title'],
    ['an end before the start', { end: { date: '2021-01-01', precision: 'DAY' } }, 'input.end.date'],
    ['a holder who is not a person', { holderId: 'JAPAN' }, 'input.holderId'],
    ['an organisation that is a person', { organisationId: 'GIANG' }, 'input.organisationId'],
    ['an unknown organisation', { organisationId: gid('Participant') }, 'input.organisationId'],
    ['an unknown cited source', { citations: [cite('q', gid('Source'))] }, 'input.citations.0.sourceId'],
    ['an id of the wrong type', { holderId: gid('Event') }, 'input.holderId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    const replaced = { ...overrides };
    if (replaced.holderId === 'JAPAN') replaced.holderId = ids.japan;
    if (replaced.organisationId === 'GIANG') replaced.organisationId = ids.giang;
    await refused(CREATE_POSITION, { input: positionInput(replaced) }, 'BAD_USER_INPUT', field);
  });

  it('refuses the same holder, title and organisation twice with CONFLICT', async () => {
    await newPosition(positionInput().title);
    await refused(CREATE_POSITION, { input: positionInput() }, 'CONFLICT', 'input.title');
  });

  it('refuses readers with FORBIDDEN', async () => {
    const res = await server.gql(CREATE_POSITION, { input: positionInput({ title: 'Reader post' }) }, reader);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('updates a position, checking dates against the kept ones, versions and ids', async () => {
    // The holder's other position, whose title an update may not take.
    await newPosition('Special Adviser');
    const position = await newPosition('Acting Adviser');
    const res = await server.gql(
      UPDATE_POSITION,
      {
        input: {
          id: position.id,
          version: 1,
          title: 'Senior Adviser',
          end: { date: '2023-03-31' },
          basis: fixtureBasis('endDate'),
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).updatePosition.position).toMatchObject({
      title: 'Senior Adviser',
      version: 2,
      start: { date: '2022-01-01' },
      end: { date: '2023-03-31' },
    });
    expect((await auditTrail(position.id)).actions).toEqual([
      'createPosition:CREATE',
      'updatePosition:UPDATE',
    ]);
    await refused(
      UPDATE_POSITION,
      { input: { id: position.id, version: 2, start: { date: '2024-01-01' } } },
      'BAD_USER_INPUT',
      'input.end.date',
    );
    await refused(
      UPDATE_POSITION,
      { input: { id: position.id, version: 1, title: 'x' } },
      'CONFLICT',
      'input.version',
    );
    await refused(
      UPDATE_POSITION,
      { input: { id: gid('Position'), version: 1, title: 'x' } },
      'NOT_FOUND',
      'input.id',
    );
    await refused(
      UPDATE_POSITION,
      { input: { id: position.id, version: 2, title: 'Special Adviser' } },
      'CONFLICT',
      'input.title',
    );
  });

  it('soft-deletes a position (gone from its holder and node) and restores it', async () => {
    const position = await newPosition('Short-lived Adviser');
    const del = await server.gql(DELETE_POSITION, { id: position.id, version: 1 }, editor);
    expect(dataOf(del).deletePosition.position.version).toBe(2);
    const gone = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            id
          }
          participant(slug: "nobuo-kishi") {
            positions {
              id
            }
          }
        }
      `),
      { id: position.id },
    );
    expect(dataOf(gone).node).toBeNull();
    const holder = dataOf(gone).participant;
    expect(holder).not.toBeNull();
    expect(holder!.positions.map((p) => p.id)).not.toContain(position.id);
    await refused(
      UPDATE_POSITION,
      { input: { id: position.id, version: 2, title: 'x' } },
      'NOT_FOUND',
      'input.id',
    );
    const restore = await server.gql(RESTORE_POSITION, { id: position.id, version: 2 }, editor);
    expect(dataOf(restore).restorePosition.position).toEqual({ version: 3, title: 'Short-lived Adviser' });
    expect((await auditTrail(position.id)).actions).toEqual([
      'createPosition:CREATE',
      'deletePosition:DELETE',
      'restorePosition:RESTORE',
    ]);
  });

  it('refuses to delete a position live remarks name as the speaker’s office', async () => {
    const kishi = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            ... on Position {
              version
            }
          }
        }
      `),
      { id: ids.kishiPosition },
    );
    // node(id:) answers a Node: only a Position has the version asked for.
    const office = dataOf(kishi).node;
    expect(office).toHaveProperty('version');
    const version = office && 'version' in office ? office.version : undefined;
    const error = await refused(DELETE_POSITION, { id: ids.kishiPosition, version }, 'CONFLICT', 'input.id');
    expect(error.message).toMatch(/remarks/);
  });
});
