// Writes of participants, positions, sources, citations, agreements and remarks over HTTP: each
// mutation's happy path and the read that shows it, validation that names the field and writes nothing,
// stale versions, unknown ids, an audit entry for each write, FORBIDDEN for readers, and soft deletes
// that really hide the record from lists, slug lookups, node(id), search and the records that cite it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { textlessSource } from './helpers/textless-source.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { fixtureBasis } from './helpers/fixture-basis.js';

let server: TestServer;
let editor: AuthHeaders;
let admin: AuthHeaders;
let reader: AuthHeaders;
let ids: {
  kishi: string;
  giang: string;
  japan: string;
  vietnam: string;
  modJapan: string;
  source: string;
  event: string;
  participation: string;
  kishiPosition: string;
  giangPosition: string;
};

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const gid = (type: string, uuid = UNKNOWN_UUID) => Buffer.from(`${type}:${uuid}`).toString('base64');
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

/** Row counts of every table a write can touch. */
async function counts() {
  const p = server.db.prisma;
  const [participants, positions, events, participations, agreements, agreementParties] = await Promise.all([
    p.participant.count(),
    p.position.count(),
    p.event.count(),
    p.participation.count(),
    p.agreement.count(),
    p.agreementParty.count(),
  ]);
  const [sources, remarks, citations, audit, idempotency] = await Promise.all([
    p.source.count(),
    p.remark.count(),
    p.citation.count(),
    p.auditEntry.count(),
    p.idempotencyRecord.count(),
  ]);
  return {
    participants,
    positions,
    events,
    participations,
    agreements,
    agreementParties,
    sources,
    remarks,
    citations,
    audit,
    idempotency,
  };
}

/** Sends a mutation that must fail with `code` naming `field`, and checks that it wrote nothing. */
async function refused(query: string, variables: Record<string, unknown>, code: string, field?: string) {
  const before = await counts();
  const res = await server.gql(query, variables, editor);
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  if (field !== undefined) expect(res.errors?.[0]?.extensions?.field).toBe(field);
  expect(await counts()).toEqual(before);
  return res.errors![0]!;
}

/** The audit log about one entity, oldest first, as `operation:action`, read with the ADMIN key. */
async function auditTrail(entityId: string) {
  const res = await server.gql(
    `query ($id: ID!) { auditLog(first: 50, filter: { entityId: $id }) { edges { node { operation action before after apiKey { role } } } } }`,
    { id: entityId },
    admin,
  );
  expect(res.errors).toBeUndefined();
  const nodes = res.data.auditLog.edges.map((e: any) => e.node).reverse();
  for (const node of nodes) expect(node.apiKey.role).toBe('EDITOR');
  return { actions: nodes.map((n: any) => `${n.operation}:${n.action}`), entries: nodes };
}

const cite = (quote: string, sourceId = ids.source) => ({ sourceId, quote });

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
  admin = await bearer(server.db, 'ADMIN');
  reader = await bearer(server.db, 'READER');
  const { data, errors } = await server.gql(`{
    kishi: participant(slug: "nobuo-kishi") { id positions { id } }
    giang: participant(slug: "phan-van-giang") { id positions { id } }
    japan: country(isoCode: "JP") { id }
    vietnam: country(isoCode: "VN") { id }
    modJapan: participant(slug: "japan-ministry-of-defense") { id }
    sources(first: 1) { edges { node { id } } }
    events(first: 1) { edges { node { id participations { id } } } }
  }`);
  expect(errors).toBeUndefined();
  const event = data.events.edges[0].node;
  ids = {
    kishi: data.kishi.id,
    giang: data.giang.id,
    japan: data.japan.id,
    vietnam: data.vietnam.id,
    modJapan: data.modJapan.id,
    source: await textlessSource(server.db),
    event: event.id,
    participation: event.participations[0].id,
    kishiPosition: data.kishi.positions[0].id,
    giangPosition: data.giang.positions[0].id,
  };
});
afterAll(() => server?.stop());

// ---------------------------------------------------------------------------------------------------
// Participants
// ---------------------------------------------------------------------------------------------------

const CREATE_PARTICIPANT = /* GraphQL */ `
  mutation ($input: CreateParticipantInput!, $key: String) {
    createParticipant(input: $input, idempotencyKey: $key) {
      replayed
      participant {
        id
        slug
        kind
        name
        aliases
        isoCode
        version
        country {
          isoCode
        }
      }
    }
  }
`;
const UPDATE_PARTICIPANT = /* GraphQL */ `
  mutation ($input: UpdateParticipantInput!) {
    updateParticipant(input: $input) {
      participant {
        id
        slug
        kind
        name
        isoCode
        version
        country {
          isoCode
        }
      }
    }
  }
`;
const DELETE_PARTICIPANT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deleteParticipant(input: { id: $id, version: $version }) {
      participant {
        version
      }
    }
  }
`;
const RESTORE_PARTICIPANT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restoreParticipant(input: { id: $id, version: $version }) {
      participant {
        version
        name
      }
    }
  }
`;

async function newParticipant(input: Record<string, unknown>) {
  const res = await server.gql(CREATE_PARTICIPANT, { input }, editor);
  expect(res.errors).toBeUndefined();
  return res.data.createParticipant.participant as { id: string; slug: string; version: number };
}

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
    expect(res.data.createParticipant).toMatchObject({
      replayed: false,
      participant: { slug: 'test-defence-attache', kind: 'PERSON', version: 1, country: { isoCode: 'JP' } },
    });
    const after = await counts();
    expect(after.participants - before.participants).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    const read = await server.gql(`{
      participant(slug: "test-defence-attache") { name aliases }
      participants(filter: { name: "Defence Attaché" }) { totalCount edges { node { slug } } }
    }`);
    expect(read.data.participant).toEqual({ name: 'Test Defence Attaché', aliases: ['The Attaché'] });
    expect(read.data.participants.edges.map((e: any) => e.node.slug)).toEqual(['test-defence-attache']);
    const { actions, entries } = await auditTrail(res.data.createParticipant.participant.id);
    expect(actions).toEqual(['createParticipant:CREATE']);
    expect(entries[0].after.name).toBe('Test Defence Attaché');
  });

  it('returns the first result for a retried idempotency key', async () => {
    const input = { kind: 'ORGANISATION', name: 'Idempotent Agency', countryId: ids.vietnam };
    const first = await server.gql(CREATE_PARTICIPANT, { input, key: 'participant-1' }, editor);
    const before = await counts();
    const again = await server.gql(CREATE_PARTICIPANT, { input, key: 'participant-1' }, editor);
    expect(again.data.createParticipant.replayed).toBe(true);
    expect(again.data.createParticipant.participant.id).toBe(first.data.createParticipant.participant.id);
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
    expect(res.data.updateParticipant.participant).toMatchObject({
      name: 'Renamed Person',
      slug: 'to-be-renamed',
      version: 2,
      country: { isoCode: 'VN' },
    });
    const { actions, entries } = await auditTrail(p.id);
    expect(actions).toEqual(['createParticipant:CREATE', 'updateParticipant:UPDATE']);
    expect(entries[1].before).toMatchObject({ name: 'To Be Renamed', version: 1 });
    expect(entries[1].after).toMatchObject({ name: 'Renamed Person', version: 2 });
    // Clearing an optional field with null.
    const cleared = await server.gql(
      UPDATE_PARTICIPANT,
      { input: { id: p.id, version: 2, countryId: null } },
      editor,
    );
    expect(cleared.data.updateParticipant.participant).toMatchObject({ version: 3, country: null });
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
    expect(ok.data.updateParticipant.participant).toMatchObject({
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
    expect(del.data.deleteParticipant.participant.version).toBe(2);
    const gone = await server.gql(
      `query ($id: ID!) {
      node(id: $id) { id }
      participants(filter: { name: "Ephemeral" }) { totalCount }
    }`,
      { id: p.id },
    );
    expect(gone.data).toEqual({ node: null, participants: { totalCount: 0 } });
    const bySlug = await server.gql(`{ participant(slug: "ephemeral-person") { id } }`);
    expect(bySlug.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await refused(DELETE_PARTICIPANT, { id: p.id, version: 2 }, 'NOT_FOUND', 'input.id');
    await refused(RESTORE_PARTICIPANT, { id: p.id, version: 1 }, 'CONFLICT', 'input.version');
    const restore = await server.gql(RESTORE_PARTICIPANT, { id: p.id, version: 2 }, editor);
    expect(restore.data.restoreParticipant.participant).toEqual({ version: 3, name: 'Ephemeral Person' });
    await refused(RESTORE_PARTICIPANT, { id: p.id, version: 3 }, 'CONFLICT', 'input.id');
    const back = await server.gql(`{ participant(slug: "ephemeral-person") { name } }`);
    expect(back.data.participant.name).toBe('Ephemeral Person');
    const { actions } = await auditTrail(p.id);
    expect(actions).toEqual([
      'createParticipant:CREATE',
      'deleteParticipant:DELETE',
      'restoreParticipant:RESTORE',
    ]);
  });

  it('refuses to delete a participant that live records refer to, saying which', async () => {
    const kishi = await server.gql(`{ participant(slug: "nobuo-kishi") { version } }`);
    const error = await refused(
      DELETE_PARTICIPANT,
      { id: ids.kishi, version: kishi.data.participant.version },
      'CONFLICT',
      'input.id',
    );
    expect(error.message).toMatch(/participations in events/);
    expect(error.message).toMatch(/remarks/);
    await refused(DELETE_PARTICIPANT, { id: ids.japan, version: 1 }, 'CONFLICT', 'input.id');
  });
});

// ---------------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------------

const CREATE_POSITION = /* GraphQL */ `
  mutation ($input: CreatePositionInput!) {
    createPosition(input: $input) {
      replayed
      position {
        id
        title
        version
        holder {
          name
        }
        organisation {
          slug
        }
        start {
          date
          precision
        }
        end {
          date
        }
        citations {
          id
          quote
        }
      }
    }
  }
`;
const UPDATE_POSITION = /* GraphQL */ `
  mutation ($input: UpdatePositionInput!) {
    updatePosition(input: $input) {
      position {
        id
        title
        version
        start {
          date
        }
        end {
          date
        }
        organisation {
          slug
        }
      }
    }
  }
`;
const DELETE_POSITION = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deletePosition(input: { id: $id, version: $version }) {
      position {
        version
      }
    }
  }
`;
const RESTORE_POSITION = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restorePosition(input: { id: $id, version: $version }) {
      position {
        version
        title
      }
    }
  }
`;

function positionInput(overrides: Record<string, unknown> = {}) {
  return {
    holderId: ids.kishi,
    title: 'Special Adviser',
    organisationId: ids.modJapan,
    start: { date: '2022-01-01', precision: 'MONTH' },
    citations: [cite('Kishi became special adviser.')],
    ...overrides,
  };
}

async function newPosition(title: string) {
  const res = await server.gql(CREATE_POSITION, { input: positionInput({ title }) }, editor);
  expect(res.errors).toBeUndefined();
  return res.data.createPosition.position as { id: string; version: number; citations: { id: string }[] };
}

describe('positions', () => {
  it('creates a position with its citations, listed under its holder, with audit entries', async () => {
    const before = await counts();
    const res = await server.gql(CREATE_POSITION, { input: positionInput() }, editor);
    expect(res.errors).toBeUndefined();
    const position = res.data.createPosition.position;
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
    const read = await server.gql(`{ participant(slug: "nobuo-kishi") { positions { id title } } }`);
    expect(read.data.participant.positions.map((p: any) => p.id)).toContain(position.id);
    expect((await auditTrail(position.id)).actions).toEqual(['createPosition:CREATE']);
    expect((await auditTrail(position.citations[0].id)).actions).toEqual(['createPosition:CREATE']);
  });

  it.each([
    ['no citations', { citations: [] }, 'input.citations'],
    ['a blank title', { title: '' }, 'input.title'],
    ['an end before the start', { end: { date: '2021-01-01', precision: 'DAY' } }, 'input.end.date'],
    ['a holder who is not a person', { holderId: 'JAPAN' }, 'input.holderId'],
    ['an organisation that is a person', { organisationId: 'GIANG' }, 'input.organisationId'],
    ['an unknown organisation', { organisationId: gid('Participant') }, 'input.organisationId'],
    ['an unknown cited source', { citations: [cite('q', gid('Source'))] }, 'input.citations.0.sourceId'],
    ['an id of the wrong type', { holderId: gid('Event') }, 'input.holderId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    const replaced = Object.fromEntries(
      Object.entries(overrides).map(([k, v]) => [
        k,
        v === 'JAPAN' ? ids.japan : v === 'GIANG' ? ids.giang : v,
      ]),
    );
    await refused(CREATE_POSITION, { input: positionInput(replaced) }, 'BAD_USER_INPUT', field);
  });

  it('refuses the same holder, title and organisation twice with CONFLICT', async () => {
    await refused(CREATE_POSITION, { input: positionInput() }, 'CONFLICT', 'input.title');
  });

  it('refuses readers with FORBIDDEN', async () => {
    const res = await server.gql(CREATE_POSITION, { input: positionInput({ title: 'Reader post' }) }, reader);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('updates a position, checking dates against the kept ones, versions and ids', async () => {
    const position = await newPosition('Acting Adviser');
    const res = await server.gql(
      UPDATE_POSITION,
      { input: { id: position.id, version: 1, title: 'Senior Adviser', end: { date: '2023-03-31' } } },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updatePosition.position).toMatchObject({
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
    expect(del.data.deletePosition.position.version).toBe(2);
    const gone = await server.gql(
      `query ($id: ID!) { node(id: $id) { id } participant(slug: "nobuo-kishi") { positions { id } } }`,
      { id: position.id },
    );
    expect(gone.data.node).toBeNull();
    expect(gone.data.participant.positions.map((p: any) => p.id)).not.toContain(position.id);
    await refused(
      UPDATE_POSITION,
      { input: { id: position.id, version: 2, title: 'x' } },
      'NOT_FOUND',
      'input.id',
    );
    const restore = await server.gql(RESTORE_POSITION, { id: position.id, version: 2 }, editor);
    expect(restore.data.restorePosition.position).toEqual({ version: 3, title: 'Short-lived Adviser' });
    expect((await auditTrail(position.id)).actions).toEqual([
      'createPosition:CREATE',
      'deletePosition:DELETE',
      'restorePosition:RESTORE',
    ]);
  });

  it('refuses to delete a position live remarks name as the speaker’s office', async () => {
    const kishi = await server.gql(`query ($id: ID!) { node(id: $id) { ... on Position { version } } }`, {
      id: ids.kishiPosition,
    });
    const error = await refused(
      DELETE_POSITION,
      { id: ids.kishiPosition, version: kishi.data.node.version },
      'CONFLICT',
      'input.id',
    );
    expect(error.message).toMatch(/remarks/);
  });
});

// ---------------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------------

const CREATE_SOURCE = /* GraphQL */ `
  mutation ($input: CreateSourceInput!) {
    createSource(input: $input) {
      replayed
      source {
        id
        slug
        title
        url
        version
        published {
          date
          precision
        }
        authors
      }
    }
  }
`;
const UPDATE_SOURCE = /* GraphQL */ `
  mutation ($input: UpdateSourceInput!) {
    updateSource(input: $input) {
      source {
        id
        slug
        title
        url
        version
        publisher
        embeddedIn {
          slug
        }
      }
    }
  }
`;
const DELETE_SOURCE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deleteSource(input: { id: $id, version: $version }) {
      source {
        version
      }
    }
  }
`;
const RESTORE_SOURCE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restoreSource(input: { id: $id, version: $version }) {
      source {
        version
        title
      }
    }
  }
`;

async function newSource(title: string, url?: string) {
  const res = await server.gql(
    CREATE_SOURCE,
    { input: { kind: 'NEWS_ARTICLE', title, ...(url ? { url } : {}) } },
    editor,
  );
  expect(res.errors).toBeUndefined();
  return res.data.createSource.source as { id: string; slug: string; version: number };
}

describe('sources', () => {
  it('creates a source, readable by slug and in the list, with an audit entry', async () => {
    const list = await server.gql(`{ sources(first: 1) { totalCount } }`);
    const res = await server.gql(
      CREATE_SOURCE,
      {
        input: {
          kind: 'NEWS_ARTICLE',
          title: 'Defence ties deepen',
          url: 'https://example.org/ties',
          authors: ['A. Writer'],
          published: { date: '2026-02-01', precision: 'MONTH' },
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    const source = res.data.createSource.source;
    expect(source).toMatchObject({
      slug: 'defence-ties-deepen',
      url: 'https://example.org/ties',
      version: 1,
      published: { date: '2026-02-01', precision: 'MONTH' },
    });
    const read = await server.gql(
      `{ source(slug: "defence-ties-deepen") { title authors } sources(first: 1) { totalCount } }`,
    );
    expect(read.data.source).toEqual({ title: 'Defence ties deepen', authors: ['A. Writer'] });
    expect(read.data.sources.totalCount).toBe(list.data.sources.totalCount + 1);
    expect((await auditTrail(source.id)).actions).toEqual(['createSource:CREATE']);
  });

  it.each([
    ['an ftp URL', { url: 'ftp://example.org/x' }, 'input.url'],
    ['a blank title', { title: ' ' }, 'input.title'],
    [
      'a YEAR date that is not 1 January',
      { published: { date: '2026-02-01', precision: 'YEAR' } },
      'input.published.date',
    ],
    ['an unknown embedding article', { embeddedInId: gid('Source') }, 'input.embeddedInId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    await refused(
      CREATE_SOURCE,
      { input: { kind: 'OTHER', title: 'Bad source', ...overrides } },
      'BAD_USER_INPUT',
      field,
    );
  });

  it('refuses a URL or slug another source has with CONFLICT', async () => {
    await refused(
      CREATE_SOURCE,
      { input: { kind: 'OTHER', title: 'Again', url: 'https://example.org/ties' } },
      'CONFLICT',
      'input.url',
    );
    await refused(
      CREATE_SOURCE,
      { input: { kind: 'OTHER', title: 'Again', slug: 'defence-ties-deepen' } },
      'CONFLICT',
      'input.slug',
    );
  });

  it('refuses readers with FORBIDDEN', async () => {
    const res = await server.gql(CREATE_SOURCE, { input: { kind: 'OTHER', title: 'Reader source' } }, reader);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('updates a source; URL and slug stay unique; versions and ids are checked', async () => {
    const source = await newSource('Update me', 'https://example.org/update-me');
    const res = await server.gql(
      UPDATE_SOURCE,
      {
        input: {
          id: source.id,
          version: 1,
          title: 'Updated',
          publisher: 'Example Times',
          url: 'https://example.org/updated',
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateSource.source).toMatchObject({
      title: 'Updated',
      publisher: 'Example Times',
      url: 'https://example.org/updated',
      version: 2,
      slug: 'update-me',
    });
    const audit = await auditTrail(source.id);
    expect(audit.actions).toEqual(['createSource:CREATE', 'updateSource:UPDATE']);
    expect(audit.entries[1].before.url).toBe('https://example.org/update-me');
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 2, url: 'https://example.org/ties' } },
      'CONFLICT',
      'input.url',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 2, slug: 'defence-ties-deepen' } },
      'CONFLICT',
      'input.slug',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 2, embeddedInId: source.id } },
      'BAD_USER_INPUT',
      'input.embeddedInId',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 2, url: 'mailto:x@example.org' } },
      'BAD_USER_INPUT',
      'input.url',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 1, title: 'x' } },
      'CONFLICT',
      'input.version',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: gid('Source'), version: 1, title: 'x' } },
      'NOT_FOUND',
      'input.id',
    );
    // Keeping its own URL and slug is no clash; clearing the URL frees it.
    const same = await server.gql(
      UPDATE_SOURCE,
      {
        input: {
          id: source.id,
          version: 2,
          url: 'https://example.org/updated',
          slug: 'update-me',
          embeddedInId: ids.source,
        },
      },
      editor,
    );
    expect(same.errors).toBeUndefined();
    expect(same.data.updateSource.source.embeddedIn).not.toBeNull();
  });

  it('soft-deletes a source (gone from the list, slug lookup and node) and restores it', async () => {
    const source = await newSource('Ephemeral source');
    const total = (await server.gql(`{ sources(first: 1) { totalCount } }`)).data.sources.totalCount;
    const del = await server.gql(DELETE_SOURCE, { id: source.id, version: 1 }, editor);
    expect(del.data.deleteSource.source.version).toBe(2);
    const gone = await server.gql(
      `query ($id: ID!) { node(id: $id) { id } sources(first: 100) { totalCount edges { node { id } } } }`,
      { id: source.id },
    );
    expect(gone.data.node).toBeNull();
    expect(gone.data.sources.totalCount).toBe(total - 1);
    expect(gone.data.sources.edges.map((e: any) => e.node.id)).not.toContain(source.id);
    const bySlug = await server.gql(`{ source(slug: "ephemeral-source") { id } }`);
    expect(bySlug.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A deleted source cannot be cited.
    await refused(
      CREATE_POSITION,
      { input: positionInput({ title: 'Cites a deleted source', citations: [cite('q', source.id)] }) },
      'BAD_USER_INPUT',
      'input.citations.0.sourceId',
    );
    const restore = await server.gql(RESTORE_SOURCE, { id: source.id, version: 2 }, editor);
    expect(restore.data.restoreSource.source).toEqual({ version: 3, title: 'Ephemeral source' });
    expect((await auditTrail(source.id)).actions).toEqual([
      'createSource:CREATE',
      'deleteSource:DELETE',
      'restoreSource:RESTORE',
    ]);
  });

  it('refuses to delete a source that live claims cite', async () => {
    const source = await server.gql(`query ($id: ID!) { node(id: $id) { ... on Source { version } } }`, {
      id: ids.source,
    });
    const error = await refused(
      DELETE_SOURCE,
      { id: ids.source, version: source.data.node.version },
      'CONFLICT',
      'input.id',
    );
    expect(error.message).toMatch(/citations/);
  });
});

// ---------------------------------------------------------------------------------------------------
// Citations
// ---------------------------------------------------------------------------------------------------

const ADD_CITATION = /* GraphQL */ `
  mutation ($input: AddCitationInput!, $key: String) {
    addCitation(input: $input, idempotencyKey: $key) {
      replayed
      citation {
        id
        quote
        source {
          title
        }
      }
      claim {
        id
        ... on Event {
          citations {
            id
          }
        }
        ... on Position {
          citations {
            id
          }
        }
        ... on Participation {
          citations {
            id
          }
        }
        ... on AgreementParty {
          citations {
            id
          }
        }
      }
    }
  }
`;
const REMOVE_CITATION = /* GraphQL */ `
  mutation ($id: ID!) {
    removeCitation(input: { citationId: $id }) {
      citation {
        id
      }
      claim {
        id
        ... on Event {
          citations {
            id
          }
        }
        ... on Position {
          citations {
            id
          }
        }
        ... on Remark {
          citations {
            id
          }
        }
      }
    }
  }
`;

describe('addCitation and removeCitation', () => {
  it('adds a citation to an event (announced to subscribers) and removes it again', async () => {
    const before = await counts();
    const add = await server.gql(
      ADD_CITATION,
      { input: { targetId: ids.event, citation: cite('A new quote about the event.') } },
      editor,
    );
    expect(add.errors).toBeUndefined();
    const { citation, claim } = add.data.addCitation;
    expect(citation.quote).toBe('A new quote about the event.');
    expect(claim.id).toBe(ids.event);
    expect(claim.citations.map((c: any) => c.id)).toContain(citation.id);
    expect((await counts()).citations - before.citations).toBe(1);
    expect((await auditTrail(citation.id)).actions).toEqual(['addCitation:CREATE']);

    const remove = await server.gql(REMOVE_CITATION, { id: citation.id }, editor);
    expect(remove.errors).toBeUndefined();
    expect(remove.data.removeCitation.citation).toBeNull();
    expect(remove.data.removeCitation.claim.citations.map((c: any) => c.id)).not.toContain(citation.id);
    const audit = await auditTrail(citation.id);
    expect(audit.actions).toEqual(['addCitation:CREATE', 'removeCitation:DELETE']);
    expect(audit.entries[1].before.quote).toBe('A new quote about the event.');
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
    expect(add.data.addCitation.citation.source.title).toBe('Participation release');
    const source = await server.gql(`{ source(slug: "participation-release") { citations { totalCount } } }`);
    expect(source.data.source.citations.totalCount).toBe(1);
    const onPosition = await server.gql(
      ADD_CITATION,
      { input: { targetId: ids.kishiPosition, citation: cite('Kishi, the defence minister') } },
      editor,
    );
    expect(onPosition.errors).toBeUndefined();
    expect(onPosition.data.addCitation.claim.citations.length).toBeGreaterThan(1);
  });

  it('replays a retried addCitation', async () => {
    const input = { targetId: ids.event, citation: cite('Said once, sent twice.') };
    const first = await server.gql(ADD_CITATION, { input, key: 'cite-1' }, editor);
    const before = await counts();
    const again = await server.gql(ADD_CITATION, { input, key: 'cite-1' }, editor);
    expect(again.data.addCitation.replayed).toBe(true);
    expect(again.data.addCitation.citation.id).toBe(first.data.addCitation.citation.id);
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
    expect(removed.data.removeCitation.claim.citations).toHaveLength(1);
  });

  it('lets only one of two concurrent removals take one of a claim’s last two citations', async () => {
    // Positions have no database trigger behind them: the claim's row lock is what keeps them cited.
    const position = await newPosition('Twice cited adviser');
    const second = await server.gql(
      ADD_CITATION,
      { input: { targetId: position.id, citation: cite('Another source says so.') } },
      editor,
    );
    const citationIds = [position.citations[0]!.id, second.data.addCitation.citation.id];
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

// ---------------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------------

const CREATE_AGREEMENT = /* GraphQL */ `
  mutation ($input: CreateAgreementInput!) {
    createAgreement(input: $input) {
      replayed
      agreement {
        id
        slug
        title
        kind
        subjects
        status
        version
        signed {
          date
          precision
        }
        signingEvent {
          id
        }
        parties {
          id
          participant {
            slug
          }
          citations {
            quote
          }
        }
        citations {
          id
          quote
        }
      }
    }
  }
`;
const UPDATE_AGREEMENT = /* GraphQL */ `
  mutation ($input: UpdateAgreementInput!) {
    updateAgreement(input: $input) {
      agreement {
        id
        slug
        status
        version
        summary
        signed {
          date
        }
      }
    }
  }
`;
const DELETE_AGREEMENT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deleteAgreement(input: { id: $id, version: $version }) {
      agreement {
        version
        parties {
          id
          participant {
            slug
          }
          citations {
            quote
          }
        }
      }
    }
  }
`;
const RESTORE_AGREEMENT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restoreAgreement(input: { id: $id, version: $version }) {
      agreement {
        version
        title
      }
    }
  }
`;
const ADD_PARTY = /* GraphQL */ `
  mutation ($input: AddAgreementPartyInput!) {
    addAgreementParty(input: $input) {
      agreement {
        parties {
          id
          participant {
            slug
          }
          citations {
            quote
          }
        }
      }
    }
  }
`;
const REMOVE_PARTY = /* GraphQL */ `
  mutation ($id: ID!) {
    removeAgreementParty(input: { agreementPartyId: $id }) {
      agreement {
        parties {
          id
        }
      }
    }
  }
`;

function agreementInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Japan–Vietnam test memorandum',
    kind: 'MEMORANDUM',
    subjects: ['TRAINING', 'PEACEKEEPING'],
    status: 'SIGNED',
    signed: { date: '2026-03-10', precision: 'DAY' },
    signingEventId: ids.event,
    basis: fixtureBasis('signedDate', 'signingEvent'),
    summary: 'Training and peacekeeping cooperation.',
    parties: [
      { participantId: ids.japan },
      { participantId: ids.vietnam, citations: [cite('Vietnam signed the memorandum.')] },
    ],
    citations: [cite('The two signed a memorandum.')],
    ...overrides,
  };
}

async function newAgreement(title: string, overrides: Record<string, unknown> = {}) {
  const res = await server.gql(CREATE_AGREEMENT, { input: agreementInput({ title, ...overrides }) }, editor);
  expect(res.errors).toBeUndefined();
  return res.data.createAgreement.agreement as {
    id: string;
    slug: string;
    parties: { id: string }[];
    citations: { id: string }[];
  };
}

describe('agreements', () => {
  it('creates an agreement with parties and citations, readable by slug and in the list', async () => {
    const before = await counts();
    const res = await server.gql(CREATE_AGREEMENT, { input: agreementInput() }, editor);
    expect(res.errors).toBeUndefined();
    const agreement = res.data.createAgreement.agreement;
    expect(agreement).toMatchObject({
      slug: 'japan-vietnam-test-memorandum',
      version: 1,
      subjects: ['TRAINING', 'PEACEKEEPING'],
      signingEvent: { id: ids.event },
      signed: { date: '2026-03-10', precision: 'DAY' },
    });
    const japan = agreement.parties.find((p: any) => p.participant.slug === 'japan');
    const vietnam = agreement.parties.find((p: any) => p.participant.slug === 'vietnam');
    // Without citations of its own, a party rests on the agreement's.
    expect(japan.citations).toEqual([{ quote: 'The two signed a memorandum.' }]);
    expect(vietnam.citations).toEqual([{ quote: 'Vietnam signed the memorandum.' }]);
    const after = await counts();
    expect(after.agreements - before.agreements).toBe(1);
    expect(after.agreementParties - before.agreementParties).toBe(2);
    expect(after.citations - before.citations).toBe(3);
    expect(after.audit - before.audit).toBe(6);
    const read = await server.gql(`{
      agreement(slug: "japan-vietnam-test-memorandum") { title }
      agreements(first: 100, filter: { subjects: [PEACEKEEPING] }) { edges { node { slug } } }
    }`);
    expect(read.data.agreement.title).toBe('Japan–Vietnam test memorandum');
    expect(read.data.agreements.edges.map((e: any) => e.node.slug)).toContain(
      'japan-vietnam-test-memorandum',
    );
    expect((await auditTrail(agreement.id)).actions).toEqual(['createAgreement:CREATE']);
    expect((await auditTrail(japan.id)).actions).toEqual(['createAgreement:CREATE']);
    // A party is a node of its own now: node(id) finds it.
    const node = await server.gql(
      `query ($id: ID!) { node(id: $id) { ... on AgreementParty { participant { slug } } } }`,
      { id: japan.id },
    );
    expect(node.data.node.participant.slug).toBe('japan');
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
    const agreement = await newAgreement('Agreement to update');
    const res = await server.gql(
      UPDATE_AGREEMENT,
      { input: { id: agreement.id, version: 1, status: 'IN_FORCE', summary: null, signed: null } },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateAgreement.agreement).toMatchObject({
      status: 'IN_FORCE',
      summary: null,
      signed: null,
      version: 2,
    });
    const audit = await auditTrail(agreement.id);
    expect(audit.actions).toEqual(['createAgreement:CREATE', 'updateAgreement:UPDATE']);
    expect(audit.entries[1].before.status).toBe('SIGNED');
    expect(audit.entries[1].after.status).toBe('IN_FORCE');
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
    const added = add.data.addAgreementParty.agreement.parties.find(
      (p: any) => p.participant.slug === 'japan-ministry-of-defense',
    );
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
    expect(remove.data.removeAgreementParty.agreement.parties.map((p: any) => p.id)).not.toContain(added.id);
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
      (await server.gql(`{ conflicts { agreement { id } } }`)).data.conflicts.filter(
        (c: any) => c.agreement?.id === agreement.id,
      );
    expect(await conflictsOf()).toHaveLength(1);
    const del = await server.gql(DELETE_AGREEMENT, { id: agreement.id, version: 1 }, editor);
    expect(del.errors).toBeUndefined();
    // The payload still shows the deleted agreement, parties and all.
    expect(del.data.deleteAgreement.agreement.version).toBe(2);
    expect(del.data.deleteAgreement.agreement.parties).toHaveLength(2);
    const gone = await server.gql(
      `query ($id: ID!, $party: ID!) {
      node(id: $id) { id }
      party: node(id: $party) { id }
      agreements(first: 100) { edges { node { id } } }
      japan: country(isoCode: "JP") { agreements { agreement { id } } }
    }`,
      { id: agreement.id, party: agreement.parties[0]!.id },
    );
    expect(gone.data.node).toBeNull();
    expect(gone.data.party).toBeNull();
    expect(gone.data.agreements.edges.map((e: any) => e.node.id)).not.toContain(agreement.id);
    expect(gone.data.japan.agreements.map((p: any) => p.agreement.id)).not.toContain(agreement.id);
    expect(
      (await server.gql(`{ agreement(slug: "ephemeral-agreement") { id } }`)).errors?.[0]?.extensions?.code,
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
    expect(restore.data.restoreAgreement.agreement).toEqual({ version: 3, title: 'Ephemeral agreement' });
    expect(await conflictsOf()).toHaveLength(1);
    expect((await auditTrail(agreement.id)).actions).toEqual([
      'createAgreement:CREATE',
      'deleteAgreement:DELETE',
      'restoreAgreement:RESTORE',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Remarks
// ---------------------------------------------------------------------------------------------------

const CREATE_REMARK = /* GraphQL */ `
  mutation ($input: CreateRemarkInput!) {
    createRemark(input: $input) {
      replayed
      remark {
        id
        slug
        content
        isDirectQuote
        version
        topics
        audience
        said {
          date
          precision
        }
        speaker {
          slug
        }
        speakerPosition {
          id
        }
        addressee {
          slug
        }
        event {
          id
        }
        citations {
          id
          quote
          source {
            slug
          }
        }
      }
    }
  }
`;
const UPDATE_REMARK = /* GraphQL */ `
  mutation ($input: UpdateRemarkInput!) {
    updateRemark(input: $input) {
      remark {
        id
        content
        version
        topics
        speaker {
          slug
        }
        speakerPosition {
          id
        }
        event {
          id
        }
      }
    }
  }
`;
const DELETE_REMARK = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deleteRemark(input: { id: $id, version: $version }) {
      remark {
        version
      }
    }
  }
`;
const RESTORE_REMARK = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restoreRemark(input: { id: $id, version: $version }) {
      remark {
        version
        content
      }
    }
  }
`;

function remarkInput(overrides: Record<string, unknown> = {}) {
  return {
    speakerId: ids.kishi,
    speakerPositionId: ids.kishiPosition,
    content: 'Defence cooperation will reach a new level.',
    isDirectQuote: true,
    said: { date: '2026-03-10', precision: 'DAY' },
    basis: fixtureBasis('saidDate'),
    audience: 'reporters',
    addresseeId: ids.giang,
    eventId: ids.event,
    topics: ['VN', 'Indo-Pacific'],
    citations: [cite('“Defence cooperation will reach a new level,” Kishi said.')],
    ...overrides,
  };
}

async function newRemark(overrides: Record<string, unknown> = {}) {
  const res = await server.gql(CREATE_REMARK, { input: remarkInput(overrides) }, editor);
  expect(res.errors).toBeUndefined();
  return res.data.createRemark.remark as { id: string; slug: string; citations: { id: string }[] };
}

describe('remarks', () => {
  it('creates a remark with its citations, listed and found by node, with audit entries', async () => {
    const before = await counts();
    const res = await server.gql(CREATE_REMARK, { input: remarkInput() }, editor);
    expect(res.errors).toBeUndefined();
    const remark = res.data.createRemark.remark;
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
      `query ($id: ID!) {
      node(id: $id) { ... on Remark { content } }
      remarks(first: 100, topic: "Indo-Pacific") { edges { node { id } } }
    }`,
      { id: remark.id },
    );
    expect(read.data.node.content).toBe('Defence cooperation will reach a new level.');
    expect(read.data.remarks.edges.map((e: any) => e.node.id)).toContain(remark.id);
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
    const o: Record<string, unknown> = { ...overrides };
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
    expect(res.data.updateRemark.remark).toMatchObject({
      content: 'An updated remark.',
      version: 2,
      topics: ['CN'],
      event: null,
    });
    const audit = await auditTrail(remark.id);
    expect(audit.actions).toEqual(['createRemark:CREATE', 'updateRemark:UPDATE']);
    expect(audit.entries[1].before.content).toBe('A remark to update.');
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
    expect(moved.data.updateRemark.remark).toMatchObject({
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
    const READ = `query ($id: ID!) {
      node(id: $id) { id }
      remarks(first: 100) { edges { node { id } } }
      participant(slug: "nobuo-kishi") { remarks(first: 100) { edges { node { id } } } }
      events(first: 100) { edges { node { id remarks { id } } } }
      search(query: "zanzibarian hovercraft") { totalCount }
      source(slug: "only-source-of-a-remark") { citations { totalCount edges { node { remark { id } } } } }
    }`;
    const shown = await server.gql(READ, { id: remark.id });
    expect(shown.data.search.totalCount).toBe(2); // the remark and its citation
    expect(shown.data.source.citations.totalCount).toBe(1);

    const del = await server.gql(DELETE_REMARK, { id: remark.id, version: 1 }, editor);
    expect(del.data.deleteRemark.remark.version).toBe(2);
    const gone = await server.gql(READ, { id: remark.id });
    expect(gone.errors).toBeUndefined();
    expect(gone.data.node).toBeNull();
    expect(gone.data.remarks.edges.map((e: any) => e.node.id)).not.toContain(remark.id);
    expect(gone.data.participant.remarks.edges.map((e: any) => e.node.id)).not.toContain(remark.id);
    expect(gone.data.events.edges.flatMap((e: any) => e.node.remarks.map((r: any) => r.id))).not.toContain(
      remark.id,
    );
    expect(gone.data.search.totalCount).toBe(0);
    expect(gone.data.source.citations).toEqual({ totalCount: 0, edges: [] });
    await refused(
      ADD_CITATION,
      { input: { targetId: remark.id, citation: cite('q') } },
      'BAD_USER_INPUT',
      'input.targetId',
    );

    const restore = await server.gql(RESTORE_REMARK, { id: remark.id, version: 2 }, editor);
    expect(restore.data.restoreRemark.remark).toEqual({
      version: 3,
      content: 'Zanzibarian hovercraft diplomacy is the future.',
    });
    expect((await server.gql(READ, { id: remark.id })).data.search.totalCount).toBe(2);
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
