// Writes of agreements over HTTP: create with parties and citations, update (versions, ids, slugs), parties
// added and removed, soft delete that hides the agreement, its parties and conflicts, and restore.
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
  CREATE_AGREEMENT,
  UPDATE_AGREEMENT,
  DELETE_AGREEMENT,
  RESTORE_AGREEMENT,
  ADD_PARTY,
  REMOVE_PARTY,
  agreementInput,
  newAgreement,
} from './agreement.fixtures.js';
import { ADD_CITATION } from '../source/source.fixtures.js';

useWriteServer();

describe('agreements', () => {
  it('creates an agreement with parties and citations, readable by slug and in the list', async () => {
    const before = await counts();
    const res = await server.gql(CREATE_AGREEMENT, { input: agreementInput() }, editor);
    expect(res.errors).toBeUndefined();
    const agreement = dataOf(res).createAgreement.agreement;
    expect(agreement).toMatchObject({
      slug: 'japan-vietnam-test-memorandum',
      version: 1,
      subjects: ['TRAINING', 'PEACEKEEPING'],
      signingEvent: { id: ids.event },
      signed: { date: '2026-03-10', precision: 'DAY' },
    });
    const japan = agreement.parties.find((p) => p.participant.slug === 'japan')!;
    const vietnam = agreement.parties.find((p) => p.participant.slug === 'vietnam')!;
    // Without citations of its own, a party rests on the agreement's.
    expect(japan.citations).toEqual([{ quote: 'The two signed a memorandum.' }]);
    expect(vietnam.citations).toEqual([{ quote: 'Vietnam signed the memorandum.' }]);
    const after = await counts();
    expect(after.agreements - before.agreements).toBe(1);
    expect(after.agreementParties - before.agreementParties).toBe(2);
    expect(after.citations - before.citations).toBe(3);
    expect(after.audit - before.audit).toBe(6);
    const read = dataOf(
      await server.gql(
        graphql(`
          {
            agreement(slug: "japan-vietnam-test-memorandum") {
              title
            }
            agreements(first: 100, filter: { subjects: [PEACEKEEPING] }) {
              edges {
                node {
                  slug
                }
              }
            }
          }
        `),
      ),
    );
    expect(read.agreement?.title).toBe('Japan–Vietnam test memorandum');
    expect(read.agreements.edges.map((e) => e.node.slug)).toContain('japan-vietnam-test-memorandum');
    expect((await auditTrail(agreement.id)).actions).toEqual(['createAgreement:CREATE']);
    expect((await auditTrail(japan.id)).actions).toEqual(['createAgreement:CREATE']);
    // A party is a node of its own now: node(id) finds it.
    const node = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            ... on AgreementParty {
              participant {
                slug
              }
            }
          }
        }
      `),
      { id: japan.id },
    );
    expect(dataOf(node).node).toMatchObject({ participant: { slug: 'japan' } });
  });

  it.each([
    ['no citations', { citations: [] }, 'input.citations'],
    ['a blank title', { title: '' }, 'input.title'],
    [
      'a MONTH date that is not the 1st',
      { signed: { date: '2026-03-10', precision: 'MONTH' } },
      'input.signed.date',
    ],
    ['the same party twice', { parties: 'TWICE' }, 'input.parties.1'],
    ['the same subject twice', { subjects: ['TRAINING', 'TRAINING'] }, 'input.subjects.1'],
    [
      'an unknown party',
      { parties: [{ participantId: gid('Participant') }] },
      'input.parties.0.participantId',
    ],
    ['an unknown signing event', { signingEventId: gid('Event') }, 'input.signingEventId'],
    ['a party with an empty citation list', { parties: 'EMPTY' }, 'input.parties.0.citations'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    const o: Record<string, unknown> = { title: 'Refused agreement', ...overrides };
    if (o.parties === 'TWICE') o.parties = [{ participantId: ids.japan }, { participantId: ids.japan }];
    if (o.parties === 'EMPTY') o.parties = [{ participantId: ids.japan, citations: [] }];
    await refused(CREATE_AGREEMENT, { input: agreementInput(o) }, 'BAD_USER_INPUT', field);
  });

  it('refuses a taken slug with CONFLICT and readers with FORBIDDEN', async () => {
    await newAgreement('Japan–Vietnam test memorandum');
    await refused(
      CREATE_AGREEMENT,
      { input: agreementInput({ slug: 'japan-vietnam-test-memorandum' }) },
      'CONFLICT',
      'input.slug',
    );
    const res = await server.gql(
      CREATE_AGREEMENT,
      { input: agreementInput({ title: 'Reader agreement' }) },
      reader,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('updates an agreement, checking versions, ids and slugs', async () => {
    // Another agreement, whose slug an update may not take.
    await newAgreement('Japan–Vietnam test memorandum');
    const agreement = await newAgreement('Agreement to update');
    const res = await server.gql(
      UPDATE_AGREEMENT,
      { input: { id: agreement.id, version: 1, status: 'IN_FORCE', summary: null, signed: null } },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).updateAgreement.agreement).toMatchObject({
      status: 'IN_FORCE',
      summary: null,
      signed: null,
      version: 2,
    });
    const audit = await auditTrail(agreement.id);
    expect(audit.actions).toEqual(['createAgreement:CREATE', 'updateAgreement:UPDATE']);
    expect(audit.entries[1]!.before).toMatchObject({ status: 'SIGNED' });
    expect(audit.entries[1]!.after).toMatchObject({ status: 'IN_FORCE' });
    await refused(
      UPDATE_AGREEMENT,
      { input: { id: agreement.id, version: 1, status: 'EXPIRED' } },
      'CONFLICT',
      'input.version',
    );
    await refused(
      UPDATE_AGREEMENT,
      { input: { id: gid('Agreement'), version: 1, status: 'EXPIRED' } },
      'NOT_FOUND',
      'input.id',
    );
    await refused(
      UPDATE_AGREEMENT,
      { input: { id: agreement.id, version: 2, slug: 'japan-vietnam-test-memorandum' } },
      'CONFLICT',
      'input.slug',
    );
    await refused(
      UPDATE_AGREEMENT,
      { input: { id: agreement.id, version: 2, title: '  ' } },
      'BAD_USER_INPUT',
      'input.title',
    );
  });

  it('adds and removes parties; a party twice is a CONFLICT', async () => {
    const agreement = await newAgreement('Agreement with changing parties', {
      parties: [{ participantId: ids.japan }],
    });
    const add = await server.gql(
      ADD_PARTY,
      {
        input: {
          agreementId: agreement.id,
          participantId: ids.modJapan,
          citations: [cite('The ministry signed.')],
        },
      },
      editor,
    );
    expect(add.errors).toBeUndefined();
    const added = dataOf(add).addAgreementParty.agreement.parties.find(
      (p) => p.participant.slug === 'japan-ministry-of-defense',
    )!;
    expect(added.citations).toEqual([{ quote: 'The ministry signed.' }]);
    expect((await auditTrail(added.id)).actions).toEqual(['addAgreementParty:CREATE']);
    await refused(
      ADD_PARTY,
      { input: { agreementId: agreement.id, participantId: ids.modJapan, citations: [cite('again')] } },
      'CONFLICT',
      'input.participantId',
    );
    await refused(
      ADD_PARTY,
      { input: { agreementId: agreement.id, participantId: ids.vietnam, citations: [] } },
      'BAD_USER_INPUT',
      'input.citations',
    );
    await refused(
      ADD_PARTY,
      { input: { agreementId: gid('Agreement'), participantId: ids.vietnam, citations: [cite('q')] } },
      'BAD_USER_INPUT',
      'input.agreementId',
    );
    const remove = await server.gql(REMOVE_PARTY, { id: added.id }, editor);
    expect(remove.errors).toBeUndefined();
    expect(dataOf(remove).removeAgreementParty.agreement.parties.map((p) => p.id)).not.toContain(added.id);
    expect((await auditTrail(added.id)).actions).toEqual([
      'addAgreementParty:CREATE',
      'removeAgreementParty:DELETE',
    ]);
    await refused(REMOVE_PARTY, { id: added.id }, 'NOT_FOUND', 'input.agreementPartyId');
  });

  it('soft-deletes an agreement (gone from the list, slug lookup, node, its parties and conflicts) and restores it', async () => {
    const agreement = await newAgreement('Ephemeral agreement', {
      citations: [
        { ...cite('Signed on 10 March.'), claimField: 'signedDate', claimValue: '2026-03-10' },
        { ...cite('Signed on 11 March.'), claimField: 'signedDate', claimValue: '2026-03-11' },
      ],
    });
    const conflictsOf = async () =>
      dataOf(
        await server.gql(
          graphql(`
            {
              conflicts {
                agreement {
                  id
                }
              }
            }
          `),
        ),
      ).conflicts.filter((c) => c.agreement?.id === agreement.id);
    expect(await conflictsOf()).toHaveLength(1);
    const del = await server.gql(DELETE_AGREEMENT, { id: agreement.id, version: 1 }, editor);
    expect(del.errors).toBeUndefined();
    // The payload still shows the deleted agreement, parties and all.
    expect(dataOf(del).deleteAgreement.agreement.version).toBe(2);
    expect(dataOf(del).deleteAgreement.agreement.parties).toHaveLength(2);
    const gone = dataOf(
      await server.gql(
        graphql(`
          query ($id: ID!, $party: ID!) {
            node(id: $id) {
              id
            }
            party: node(id: $party) {
              id
            }
            agreements(first: 100) {
              edges {
                node {
                  id
                }
              }
            }
            japan: country(isoCode: "JP") {
              agreements {
                agreement {
                  id
                }
              }
            }
          }
        `),
        { id: agreement.id, party: agreement.parties[0]!.id },
      ),
    );
    expect(gone.node).toBeNull();
    expect(gone.party).toBeNull();
    expect(gone.agreements.edges.map((e) => e.node.id)).not.toContain(agreement.id);
    expect(gone.japan).not.toBeNull();
    expect(gone.japan!.agreements.map((p) => p.agreement.id)).not.toContain(agreement.id);
    expect(
      (
        await server.gql(
          graphql(`
            {
              agreement(slug: "ephemeral-agreement") {
                id
              }
            }
          `),
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect(await conflictsOf()).toHaveLength(0);
    // Nothing of it can be changed or cited while deleted.
    await refused(
      UPDATE_AGREEMENT,
      { input: { id: agreement.id, version: 2, status: 'EXPIRED' } },
      'NOT_FOUND',
      'input.id',
    );
    await refused(
      ADD_CITATION,
      { input: { targetId: agreement.parties[0]!.id, citation: cite('q') } },
      'BAD_USER_INPUT',
      'input.targetId',
    );
    await refused(REMOVE_PARTY, { id: agreement.parties[0]!.id }, 'NOT_FOUND', 'input.agreementPartyId');
    const restore = await server.gql(RESTORE_AGREEMENT, { id: agreement.id, version: 2 }, editor);
    expect(dataOf(restore).restoreAgreement.agreement).toEqual({ version: 3, title: 'Ephemeral agreement' });
    expect(await conflictsOf()).toHaveLength(1);
    expect((await auditTrail(agreement.id)).actions).toEqual([
      'createAgreement:CREATE',
      'deleteAgreement:DELETE',
      'restoreAgreement:RESTORE',
    ]);
  });
});
