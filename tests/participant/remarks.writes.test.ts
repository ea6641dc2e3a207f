// Writes of remarks over HTTP: create with citations, update (a new speaker must hold the kept office),
// soft delete that hides the remark from lists, node, its speaker, event, search and its source, restore.
import { describe, expect, it } from 'vitest';
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
  CREATE_REMARK,
  UPDATE_REMARK,
  DELETE_REMARK,
  RESTORE_REMARK,
  remarkInput,
  newRemark,
  type RemarkInput,
} from './participant.fixtures.js';
import { DELETE_SOURCE, newSource, ADD_CITATION } from '../source/source.fixtures.js';

useWriteServer();

describe('remarks', () => {
  it('creates a remark with its citations, listed and found by node, with audit entries', async () => {
    const before = await counts();
    const res = await server.gql(CREATE_REMARK, { input: remarkInput() }, editor);
    expect(res.errors).toBeUndefined();
    const remark = dataOf(res).createRemark.remark;
    expect(remark).toMatchObject({
      slug: 'nobuo-kishi-defence-cooperation-will-reach-a-new-2026-03-10',
      version: 1,
      isDirectQuote: true,
      topics: ['VN', 'Indo-Pacific'],
      speaker: { slug: 'nobuo-kishi' },
      speakerPosition: { id: ids.kishiPosition },
      addressee: { slug: 'phan-van-giang' },
      event: { id: ids.event },
    });
    const after = await counts();
    expect(after.remarks - before.remarks).toBe(1);
    expect(after.audit - before.audit).toBe(2);
    const read = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            ... on Remark {
              content
            }
          }
          remarks(first: 100, topic: "Indo-Pacific") {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
      { id: remark.id },
    );
    expect(dataOf(read).node).toHaveProperty('content', 'Defence cooperation will reach a new level.');
    expect(dataOf(read).remarks.edges.map((e) => e.node.id)).toContain(remark.id);
    expect((await auditTrail(remark.id)).actions).toEqual(['createRemark:CREATE']);
  });

  it.each([
    ['a blank content', { content: '' }, 'input.content'],
    ['no citations', { citations: [] }, 'input.citations'],
    [
      'an office the speaker does not hold',
      { speakerPositionId: 'GIANG_POSITION' },
      'input.speakerPositionId',
    ],
    ['a lower-case country topic', { topics: ['cn'] }, 'input.topics.0'],
    ['a topic twice', { topics: ['CN', 'CN'] }, 'input.topics.1'],
    ['an unknown event', { eventId: gid('Event') }, 'input.eventId'],
    ['an unknown addressee', { addresseeId: gid('Participant') }, 'input.addresseeId'],
    ['an unknown speaker', { speakerId: gid('Participant') }, 'input.speakerId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    const o: Partial<RemarkInput> = { ...overrides };
    if (o.speakerPositionId === 'GIANG_POSITION') o.speakerPositionId = ids.giangPosition;
    await refused(CREATE_REMARK, { input: remarkInput(o) }, 'BAD_USER_INPUT', field);
  });

  it('refuses readers with FORBIDDEN', async () => {
    const res = await server.gql(CREATE_REMARK, { input: remarkInput({ content: 'reader' }) }, reader);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('updates a remark; a new speaker must hold the kept office; versions and ids are checked', async () => {
    const remark = await newRemark({ content: 'A remark to update.' });
    const res = await server.gql(
      UPDATE_REMARK,
      { input: { id: remark.id, version: 1, content: 'An updated remark.', topics: ['CN'], eventId: null } },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).updateRemark.remark).toMatchObject({
      content: 'An updated remark.',
      version: 2,
      topics: ['CN'],
      event: null,
    });
    const audit = await auditTrail(remark.id);
    expect(audit.actions).toEqual(['createRemark:CREATE', 'updateRemark:UPDATE']);
    expect(audit.entries[1]!.before).toMatchObject({ content: 'A remark to update.' });
    await refused(
      UPDATE_REMARK,
      { input: { id: remark.id, version: 2, speakerId: ids.giang } },
      'BAD_USER_INPUT',
      'input.speakerId',
    );
    const moved = await server.gql(
      UPDATE_REMARK,
      { input: { id: remark.id, version: 2, speakerId: ids.giang, speakerPositionId: ids.giangPosition } },
      editor,
    );
    expect(dataOf(moved).updateRemark.remark).toMatchObject({
      speaker: { slug: 'phan-van-giang' },
      speakerPosition: { id: ids.giangPosition },
      version: 3,
    });
    await refused(
      UPDATE_REMARK,
      { input: { id: remark.id, version: 1, content: 'x' } },
      'CONFLICT',
      'input.version',
    );
    await refused(
      UPDATE_REMARK,
      { input: { id: gid('Remark'), version: 1, content: 'x' } },
      'NOT_FOUND',
      'input.id',
    );
    await refused(
      UPDATE_REMARK,
      { input: { id: remark.id, version: 3, isDirectQuote: null } },
      'BAD_USER_INPUT',
      'input.isDirectQuote',
    );
  });

  it('soft-deletes a remark: gone from lists, node, its speaker, event, search and its source’s citations; restores it', async () => {
    const source = await newSource('Only source of a remark');
    const remark = await newRemark({
      content: 'Zanzibarian hovercraft diplomacy is the future.',
      citations: [{ sourceId: source.id, quote: 'He praised zanzibarian hovercraft diplomacy.' }],
    });
    const READ = graphql(`
      query ($id: ID!) {
        node(id: $id) {
          id
        }
        remarks(first: 100) {
          edges {
            node {
              id
            }
          }
        }
        participant(slug: "nobuo-kishi") {
          remarks(first: 100) {
            edges {
              node {
                id
              }
            }
          }
        }
        events(first: 100) {
          edges {
            node {
              id
              remarks {
                id
              }
            }
          }
        }
        search(query: "zanzibarian hovercraft") {
          totalCount
        }
        source(slug: "only-source-of-a-remark") {
          citations {
            totalCount
            edges {
              node {
                remark {
                  id
                }
              }
            }
          }
        }
      }
    `);
    const shown = await server.gql(READ, { id: remark.id });
    expect(dataOf(shown).search?.totalCount).toBe(2); // the remark and its citation
    expect(dataOf(shown).source?.citations.totalCount).toBe(1);

    const del = await server.gql(DELETE_REMARK, { id: remark.id, version: 1 }, editor);
    expect(dataOf(del).deleteRemark.remark.version).toBe(2);
    const gone = await server.gql(READ, { id: remark.id });
    expect(gone.errors).toBeUndefined();
    const after = dataOf(gone);
    expect(after.node).toBeNull();
    expect(after.remarks.edges.map((e) => e.node.id)).not.toContain(remark.id);
    expect(after.participant).not.toBeNull();
    expect(after.participant!.remarks.edges.map((e) => e.node.id)).not.toContain(remark.id);
    expect(after.events.edges.flatMap((e) => e.node.remarks.map((r) => r.id))).not.toContain(remark.id);
    expect(after.search?.totalCount).toBe(0);
    expect(after.source?.citations).toEqual({ totalCount: 0, edges: [] });
    await refused(
      ADD_CITATION,
      { input: { targetId: remark.id, citation: cite('q') } },
      'BAD_USER_INPUT',
      'input.targetId',
    );

    const restore = await server.gql(RESTORE_REMARK, { id: remark.id, version: 2 }, editor);
    expect(dataOf(restore).restoreRemark.remark).toEqual({
      version: 3,
      content: 'Zanzibarian hovercraft diplomacy is the future.',
    });
    expect(dataOf(await server.gql(READ, { id: remark.id })).search?.totalCount).toBe(2);
    expect((await auditTrail(remark.id)).actions).toEqual([
      'createRemark:CREATE',
      'deleteRemark:DELETE',
      'restoreRemark:RESTORE',
    ]);
  });

  it('refuses to restore a remark whose cited source was deleted meanwhile', async () => {
    const source = await newSource('Source deleted under a remark');
    const remark = await newRemark({
      content: 'Soon orphaned.',
      citations: [{ sourceId: source.id, quote: 'Soon orphaned, he said.' }],
    });
    await refused(DELETE_SOURCE, { id: source.id, version: 1 }, 'CONFLICT', 'input.id');
    await server.gql(DELETE_REMARK, { id: remark.id, version: 1 }, editor);
    const del = await server.gql(DELETE_SOURCE, { id: source.id, version: 1 }, editor);
    expect(del.errors).toBeUndefined();
    const error = await refused(RESTORE_REMARK, { id: remark.id, version: 2 }, 'CONFLICT', 'input.id');
    expect(error.message).toMatch(/deleted source/);
  });
});
