// addCitation and removeCitation over HTTP: citing existing and new sources, replayed retries, duplicate
// quotes refused, a claim's last citation kept (also under concurrent removals), FORBIDDEN for readers.
import { describe, expect, it } from 'vitest';
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
  uuidOf,
} from '../helpers/writes.js';
import { graphql, type ResultOf } from '../helpers/graphql.js';
import { dataOf } from '../helpers/test-server.js';
import { newPosition, newRemark } from '../participant/participant.fixtures.js';
import { ADD_CITATION, REMOVE_CITATION } from './source.fixtures.js';

useWriteServer();

/**
 * The citations a payload's claim has now. The documents select them on each kind of claim they touch,
 * so a claim of another kind, or none, has no list to read.
 */
function citationsOf(
  claim:
    | ResultOf<typeof ADD_CITATION>['addCitation']['claim']
    | ResultOf<typeof REMOVE_CITATION>['removeCitation']['claim'],
): { id: string }[] {
  if (!claim || !('citations' in claim))
    throw new Error(`no citations on the claim ${JSON.stringify(claim)}`);
  return claim.citations;
}

describe('addCitation and removeCitation', () => {
  it('adds a citation to an event (announced to subscribers) and removes it again', async () => {
    const before = await counts();
    const add = await server.gql(
      ADD_CITATION,
      { input: { targetId: ids.event, citation: cite('A new quote about the event.') } },
      editor,
    );
    expect(add.errors).toBeUndefined();
    const { citation: added, claim } = dataOf(add).addCitation;
    expect(added).not.toBeNull();
    const citation = added!;
    expect(citation.quote).toBe('A new quote about the event.');
    expect(claim?.id).toBe(ids.event);
    expect(citationsOf(claim).map((c) => c.id)).toContain(citation.id);
    expect((await counts()).citations - before.citations).toBe(1);
    expect((await auditTrail(citation.id)).actions).toEqual(['addCitation:CREATE']);

    const remove = await server.gql(REMOVE_CITATION, { id: citation.id }, editor);
    expect(remove.errors).toBeUndefined();
    expect(dataOf(remove).removeCitation.citation).toBeNull();
    expect(citationsOf(dataOf(remove).removeCitation.claim).map((c) => c.id)).not.toContain(citation.id);
    const audit = await auditTrail(citation.id);
    expect(audit.actions).toEqual(['addCitation:CREATE', 'removeCitation:DELETE']);
    expect(audit.entries[1]!.before).toMatchObject({ quote: 'A new quote about the event.' });
    const after = await counts();
    expect(after.citations).toBe(before.citations);
    await refused(REMOVE_CITATION, { id: citation.id }, 'NOT_FOUND', 'input.citationId');
  });

  it('cites a new source in the same write, and targets participations and positions', async () => {
    const add = await server.gql(
      ADD_CITATION,
      {
        input: {
          targetId: ids.participation,
          citation: {
            quote: 'They took part.',
            source: {
              kind: 'PRESS_RELEASE',
              title: 'Participation release',
              url: 'https://example.org/release',
            },
          },
        },
      },
      editor,
    );
    expect(add.errors).toBeUndefined();
    expect(dataOf(add).addCitation.citation?.source.title).toBe('Participation release');
    const source = await server.gql(
      graphql(`
        {
          source(slug: "participation-release") {
            citations {
              totalCount
            }
          }
        }
      `),
    );
    expect(dataOf(source).source?.citations.totalCount).toBe(1);
    const onPosition = await server.gql(
      ADD_CITATION,
      { input: { targetId: ids.kishiPosition, citation: cite('Kishi, the defence minister') } },
      editor,
    );
    expect(onPosition.errors).toBeUndefined();
    expect(citationsOf(dataOf(onPosition).addCitation.claim).length).toBeGreaterThan(1);
  });

  it('replays a retried addCitation', async () => {
    const input = { targetId: ids.event, citation: cite('Said once, sent twice.') };
    const first = await server.gql(ADD_CITATION, { input, key: 'cite-1' }, editor);
    const before = await counts();
    const again = await server.gql(ADD_CITATION, { input, key: 'cite-1' }, editor);
    expect(dataOf(again).addCitation.replayed).toBe(true);
    expect(dataOf(again).addCitation.citation?.id).toBe(dataOf(first).addCitation.citation!.id);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'a target that cannot be cited',
      () => ({ targetId: ids.source, citation: cite('q') }),
      'input.targetId',
    ],
    ['an unknown target', () => ({ targetId: gid('Remark'), citation: cite('q') }), 'input.targetId'],
    ['a blank quote', () => ({ targetId: ids.event, citation: cite(' ') }), 'input.citation.quote'],
    [
      'neither source nor sourceId',
      () => ({ targetId: ids.event, citation: { quote: 'q' } }),
      'input.citation.sourceId',
    ],
    [
      'a claimField without a value',
      () => ({ targetId: ids.event, citation: { ...cite('q'), claimField: 'startDate' } }),
      'input.citation.claimValue',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, input, field) => {
    await refused(ADD_CITATION, { input: input() }, 'BAD_USER_INPUT', field);
  });

  it('refuses the same quote from the same source twice with CONFLICT', async () => {
    await server.gql(
      ADD_CITATION,
      { input: { targetId: ids.event, citation: cite('Quoted once.') } },
      editor,
    );
    await refused(
      ADD_CITATION,
      { input: { targetId: ids.event, citation: cite('Quoted once.') } },
      'CONFLICT',
      'input.citation.quote',
    );
  });

  it('refuses to remove the last citation of a claim, positions included, with BAD_USER_INPUT', async () => {
    const position = await newPosition('Singly cited adviser');
    const error = await refused(
      REMOVE_CITATION,
      { id: position.citations[0]!.id },
      'BAD_USER_INPUT',
      'input.citationId',
    );
    expect(error.message).toMatch(/only citation of its position/);
    const remark = await newRemark({ content: 'Only one source says so.' });
    await refused(REMOVE_CITATION, { id: remark.citations[0]!.id }, 'BAD_USER_INPUT', 'input.citationId');
    // With a second citation, the first can go.
    await server.gql(
      ADD_CITATION,
      { input: { targetId: position.id, citation: cite('A second source.') } },
      editor,
    );
    const removed = await server.gql(REMOVE_CITATION, { id: position.citations[0]!.id }, editor);
    expect(removed.errors).toBeUndefined();
    expect(citationsOf(dataOf(removed).removeCitation.claim)).toHaveLength(1);
  });

  it('lets only one of two concurrent removals take one of a claim’s last two citations', async () => {
    // Positions have no database trigger behind them: the claim's row lock is what keeps them cited.
    const position = await newPosition('Twice cited adviser');
    const second = await server.gql(
      ADD_CITATION,
      { input: { targetId: position.id, citation: cite('Another source says so.') } },
      editor,
    );
    const citationIds = [position.citations[0]!.id, dataOf(second).addCitation.citation!.id];
    const results = await Promise.all(citationIds.map((id) => server.gql(REMOVE_CITATION, { id }, editor)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.citationId',
    });
    expect(await server.db.prisma.citation.count({ where: { positionId: uuidOf(position.id) } })).toBe(1);
  });

  it('refuses readers with FORBIDDEN', async () => {
    const res = await server.gql(
      ADD_CITATION,
      { input: { targetId: ids.event, citation: cite('reader') } },
      reader,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
