// The write path requires a basis (issue 15): a date, place or signing event that no citation pins and
// no INFERRED or OUTSIDE_KNOWLEDGE entry explains is refused like a claim with no citation, on create,
// on update (a replaced value's basis does not carry over) and on every mutation that writes a claim.
// Over HTTP against a real server; every refusal is BAD_USER_INPUT naming the field, and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { textlessSource } from './helpers/textless-source.js';
import { graphql, type TadaDocumentNode, type VariablesOf } from './helpers/graphql.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';
import { seedRecords } from './helpers/seed-records.js';

let server: TestServer;
let editor: AuthHeaders;
let ids: Record<'source' | 'kishi' | 'giang' | 'japan' | 'vietnam' | 'modJapan', string>;

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
  const seed = await seedRecords(server);
  ids = {
    source: await textlessSource(server.db),
    kishi: seed.kishi.id,
    giang: seed.giang.id,
    japan: seed.japan.id,
    vietnam: seed.vietnam.id,
    modJapan: seed.modJapan.id,
  };
});
afterAll(() => server?.stop());

/** The basis of one value, as every claim here selects it (under the claim's `basis`). */
const BASIS = graphql(`
  fragment BasisEntry on ValueBasis {
    field
    value
    basis
    note
  }
`);

const CREATE_EVENT = graphql(
  `
    mutation ($input: CreateEventInput!) {
      createEvent(input: $input) {
        event {
          id
          version
          basis {
            ...BasisEntry
          }
          participations {
            id
            role
            basis {
              ...BasisEntry
            }
          }
        }
      }
    }
  `,
  [BASIS],
);
const UPDATE_EVENT = graphql(
  `
    mutation ($input: UpdateEventInput!) {
      updateEvent(input: $input) {
        event {
          version
          basis {
            ...BasisEntry
          }
        }
      }
    }
  `,
  [BASIS],
);

type EventInput = VariablesOf<typeof CREATE_EVENT>['input'];
type CitationInput = EventInput['citations'][number];
type BasisInput = NonNullable<EventInput['basis']>[number];

const cite = (quote: string, claimField?: string, claimValue?: string): CitationInput =>
  claimField ? { sourceId: ids.source, quote, claimField, claimValue } : { sourceId: ids.source, quote };
const inferred = (field: string, note = `the ${field}, worked out`): BasisInput => ({
  field,
  basis: 'INFERRED',
  note,
});
const outside = (field: string, note = `the ${field}, known elsewhere`): BasisInput => ({
  field,
  basis: 'OUTSIDE_KNOWLEDGE',
  note,
});
const basisOf = <Entry extends { field: string }>(claim: { basis: Entry[] }, field: string) =>
  claim.basis.find((b) => b.field === field);

const counts = async () => {
  const p = server.db.prisma;
  const [events, agreements, remarks, positions, participations, parties, citations, bases] =
    await Promise.all([
      p.event.count(),
      p.agreement.count(),
      p.remark.count(),
      p.position.count(),
      p.participation.count(),
      p.agreementParty.count(),
      p.citation.count(),
      p.valueBasis.count(),
    ]);
  return { events, agreements, remarks, positions, participations, parties, citations, bases };
};

/**
 * A write refused with BAD_USER_INPUT naming `field`, that wrote nothing. Over HTTP that is status 200 with
 * the error in `errors`, as for every refusal a resolver makes (docs/errors.md: 400 is for variables that
 * do not fit their type).
 */
async function refused<Data, Variables>(
  query: TadaDocumentNode<Data, Variables>,
  variables: NoInfer<Variables>,
  field: string,
) {
  const before = await counts();
  const res = await server.gql(query, variables, editor);
  expect(res.status).toBe(200);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await counts()).toEqual(before);
  return res.errors![0]!;
}

async function ok<Data, Variables>(query: TadaDocumentNode<Data, Variables>, variables: NoInfer<Variables>) {
  const res = await server.gql(query, variables, editor);
  expect(res.errors).toBeUndefined();
  return dataOf(res);
}

let n = 0;
const event = (extra: Partial<EventInput> = {}): EventInput => ({
  kind: 'MEETING',
  title: `Basis rule meeting ${++n}`,
  summary: 'A meeting to test the basis rule.',
  start: { date: '2026-04-07', precision: 'DAY' },
  citations: [cite('Kishi and Giang met.'), cite('They met on 7 April.', 'startDate', '2026-04-07')],
  ...extra,
});

describe('createEvent', () => {
  it('refuses a date or place that neither a pinning citation nor a basis explains, naming its field', async () => {
    const error = await refused(
      CREATE_EVENT,
      { input: event({ citations: [cite('They met.')] }) },
      'input.start',
    );
    expect(error.message).toContain('claimField: "startDate", claimValue: "2026-04-07"');
    // A pin of another value does not state this one.
    await refused(
      CREATE_EVENT,
      { input: event({ citations: [cite('They met on 8 April.', 'startDate', '2026-04-08')] }) },
      'input.start',
    );
    await refused(
      CREATE_EVENT,
      { input: event({ end: { date: '2026-04-09', precision: 'DAY' } }) },
      'input.end',
    );
    await refused(CREATE_EVENT, { input: event({ placeName: 'Hanoi' }) }, 'input.placeName');
    await refused(CREATE_EVENT, { input: event({ placeCountryId: ids.vietnam }) }, 'input.placeCountryId');
    // Saying STATED does not make it so: only a quote that pins the value does.
    await refused(
      CREATE_EVENT,
      {
        input: event({
          placeName: 'Hanoi',
          citations: [...event().citations, cite('in Da Nang', 'placeName', 'Da Nang')],
          basis: [{ field: 'placeName', basis: 'STATED' }],
        }),
      },
      'input.placeName',
    );
  });

  it('accepts each value pinned with its value (a country by slug), or inferred or outside knowledge', async () => {
    const data = await ok(CREATE_EVENT, {
      input: event({
        end: { date: '2026-04-09', precision: 'DAY' },
        placeName: 'Hanoi',
        placeCountryId: ids.vietnam,
        citations: [
          cite('Kishi and Giang met.'),
          cite('They met on 7 April.', 'startDate', '2026-04-07'),
          cite('a three-day meeting', 'endDate', '2026-04-09'),
          cite('in Vietnam', 'placeCountry', 'vietnam'),
        ],
        basis: [inferred('endDate', 'end = start + 2 days: "a three-day meeting"'), outside('placeName')],
        participants: [{ participantId: ids.kishi, role: 'VISITOR' }],
      }),
    });
    const e = data.createEvent.event;
    expect(basisOf(e, 'startDate')).toMatchObject({ basis: 'STATED' });
    expect(basisOf(e, 'endDate')).toMatchObject({ basis: 'INFERRED' });
    expect(basisOf(e, 'placeName')).toMatchObject({ basis: 'OUTSIDE_KNOWLEDGE' });
    expect(basisOf(e, 'placeCountry')).toMatchObject({ value: 'vietnam', basis: 'STATED' });
    // What the event is (kind, who took part in which role) is stated by its citations.
    expect(basisOf(e, 'kind')).toMatchObject({ basis: 'STATED' });
    expect(e.participations[0]?.basis).toEqual([
      { field: 'role', value: 'VISITOR', basis: 'STATED', note: null },
    ]);
  });
});

describe('updateEvent: a changed value needs its own basis; the old one does not carry over', () => {
  it('refuses a new date without one, and drops the replaced value’s basis when given one', async () => {
    const made = await ok(CREATE_EVENT, {
      input: event({
        end: { date: '2026-04-09', precision: 'DAY' },
        citations: [
          cite('They met on 7 April.', 'startDate', '2026-04-07'),
          cite('for three days', 'endDate', '2026-04-09'),
        ],
        basis: [inferred('endDate', 'end = start + 2 days')],
      }),
    });
    const { id } = made.createEvent.event;
    await refused(
      UPDATE_EVENT,
      { input: { id, version: 1, end: { date: '2026-04-10', precision: 'DAY' } } },
      'input.end',
    );
    await refused(UPDATE_EVENT, { input: { id, version: 1, placeName: 'Da Nang' } }, 'input.placeName');
    // The new value with a basis of its own: the inference about the old one is gone.
    const moved = await ok(UPDATE_EVENT, {
      input: {
        id,
        version: 1,
        end: { date: '2026-04-10', precision: 'DAY' },
        basis: [outside('endDate', 'the programme')],
      },
    });
    expect(basisOf(moved.updateEvent.event, 'endDate')).toEqual({
      field: 'endDate',
      value: '2026-04-10',
      basis: 'OUTSIDE_KNOWLEDGE',
      note: 'the programme',
    });
    // A quote of the event that pins the new value states it: no basis entry needed, none left over.
    const back = await ok(UPDATE_EVENT, {
      input: { id, version: 2, end: { date: '2026-04-09', precision: 'DAY' } },
    });
    expect(basisOf(back.updateEvent.event, 'endDate')).toMatchObject({
      value: '2026-04-09',
      basis: 'STATED',
    });
    expect(await server.db.prisma.valueBasis.count({ where: { note: 'the programme' } })).toBe(0);
    // Clearing a value needs no basis; changing a value the claim is (kind) is stated by its citations.
    const cleared = await ok(UPDATE_EVENT, { input: { id, version: 3, end: null, kind: 'VISIT' } });
    expect(basisOf(cleared.updateEvent.event, 'endDate')).toBeUndefined();
    expect(basisOf(cleared.updateEvent.event, 'kind')).toMatchObject({ value: 'VISIT', basis: 'STATED' });
  });
});

const CREATE_AGREEMENT = graphql(
  `
    mutation ($input: CreateAgreementInput!) {
      createAgreement(input: $input) {
        agreement {
          id
          basis {
            ...BasisEntry
          }
          parties {
            participant {
              slug
            }
            basis {
              ...BasisEntry
            }
          }
        }
      }
    }
  `,
  [BASIS],
);
const UPDATE_AGREEMENT = graphql(
  `
    mutation ($input: UpdateAgreementInput!) {
      updateAgreement(input: $input) {
        agreement {
          version
          basis {
            ...BasisEntry
          }
        }
      }
    }
  `,
  [BASIS],
);
type AgreementInput = VariablesOf<typeof CREATE_AGREEMENT>['input'];

describe('agreements', () => {
  const agreement = (extra: Partial<AgreementInput> = {}): AgreementInput => ({
    title: `Basis rule memorandum ${++n}`,
    kind: 'MEMORANDUM',
    status: 'SIGNED',
    signed: { date: '2026-04-07', precision: 'DAY' },
    citations: [cite('The two signed a memorandum.'), cite('signed on 7 April', 'signedDate', '2026-04-07')],
    ...extra,
  });

  it('createAgreement refuses an unexplained signing date or signing event', async () => {
    await refused(
      CREATE_AGREEMENT,
      { input: agreement({ citations: [cite('The two signed a memorandum.')] }) },
      'input.signed',
    );
    const made = await ok(CREATE_EVENT, { input: event() });
    await refused(
      CREATE_AGREEMENT,
      { input: agreement({ signingEventId: made.createEvent.event.id }) },
      'input.signingEventId',
    );
  });

  it('updateAgreement: a new signing date needs a basis, and the old one’s inference does not carry over', async () => {
    const made = await ok(CREATE_AGREEMENT, {
      input: agreement({ basis: [inferred('signedDate', '"on Tuesday" = 7 April')] }),
    });
    const { id } = made.createAgreement.agreement;
    expect(basisOf(made.createAgreement.agreement, 'signedDate')).toMatchObject({ basis: 'INFERRED' });
    await refused(
      UPDATE_AGREEMENT,
      { input: { id, version: 1, signed: { date: '2026-04-08', precision: 'DAY' } } },
      'input.signed',
    );
    const changed = await ok(UPDATE_AGREEMENT, {
      input: {
        id,
        version: 1,
        signed: { date: '2026-04-01', precision: 'MONTH' },
        basis: [outside('signedDate')],
      },
    });
    expect(basisOf(changed.updateAgreement.agreement, 'signedDate')).toMatchObject({
      value: '2026-04-01',
      basis: 'OUTSIDE_KNOWLEDGE',
    });
    // A status change is stated by the agreement's citations, unless the update says otherwise.
    const status = await ok(UPDATE_AGREEMENT, {
      input: { id, version: 2, status: 'IN_FORCE', basis: [outside('status', 'in force once signed')] },
    });
    expect(basisOf(status.updateAgreement.agreement, 'status')).toMatchObject({ basis: 'OUTSIDE_KNOWLEDGE' });
    const again = await ok(UPDATE_AGREEMENT, { input: { id, version: 3, status: 'EXPIRED' } });
    expect(basisOf(again.updateAgreement.agreement, 'status')).toMatchObject({
      value: 'EXPIRED',
      basis: 'STATED',
    });
  });

  it('addAgreementParty takes a basis, checked like any other', async () => {
    const made = await ok(CREATE_AGREEMENT, { input: agreement() });
    const ADD = graphql(
      `
        mutation ($input: AddAgreementPartyInput!) {
          addAgreementParty(input: $input) {
            agreement {
              parties {
                participant {
                  slug
                }
                basis {
                  ...BasisEntry
                }
              }
            }
          }
        }
      `,
      [BASIS],
    );
    const input = (basis: BasisInput[]): VariablesOf<typeof ADD>['input'] => ({
      agreementId: made.createAgreement.agreement.id,
      participantId: ids.modJapan,
      citations: [cite('The ministry is a party.')],
      basis,
    });
    await refused(ADD, { input: input([{ field: 'party', basis: 'INFERRED' }]) }, 'input.basis.0.note');
    await refused(ADD, { input: input([outside('role')]) }, 'input.basis.0.field');
    await refused(ADD, { input: input([inferred('party')]) }, 'input.basis.0.basis');
    const added = await ok(ADD, { input: input([outside('party', 'The ministry signs for Japan.')]) });
    const party = added.addAgreementParty.agreement.parties.find(
      (p) => p.participant.slug === 'japan-ministry-of-defense',
    );
    expect(party?.basis).toEqual([
      {
        field: 'party',
        value: 'japan-ministry-of-defense',
        basis: 'OUTSIDE_KNOWLEDGE',
        note: 'The ministry signs for Japan.',
      },
    ]);
  });
});

const CREATE_POSITION = graphql(
  `
    mutation ($input: CreatePositionInput!) {
      createPosition(input: $input) {
        position {
          id
          basis {
            ...BasisEntry
          }
        }
      }
    }
  `,
  [BASIS],
);
const UPDATE_POSITION = graphql(
  `
    mutation ($input: UpdatePositionInput!) {
      updatePosition(input: $input) {
        position {
          basis {
            ...BasisEntry
          }
        }
      }
    }
  `,
  [BASIS],
);
type PositionInput = VariablesOf<typeof CREATE_POSITION>['input'];

describe('attachParticipant and createPosition take a basis', () => {
  it('attachParticipant: an inferred role with its quote; refusals name the entry', async () => {
    const made = await ok(CREATE_EVENT, { input: event() });
    const ATTACH = graphql(
      `
        mutation ($input: AttachParticipantInput!) {
          attachParticipant(input: $input) {
            event {
              participations {
                role
                participant {
                  slug
                }
                basis {
                  ...BasisEntry
                }
              }
            }
          }
        }
      `,
      [BASIS],
    );
    const input = (
      basis: BasisInput[],
      citations = [cite('Giang hosted.', 'role', 'HOST')],
    ): VariablesOf<typeof ATTACH>['input'] => ({
      eventId: made.createEvent.event.id,
      participantId: ids.giang,
      role: 'HOST',
      citations,
      basis,
    });
    await refused(ATTACH, { input: input([{ field: 'role', basis: 'INFERRED' }]) }, 'input.basis.0.note');
    await refused(
      ATTACH,
      { input: input([inferred('role')], [cite('Giang was there.')]) },
      'input.basis.0.basis',
    );
    await refused(ATTACH, { input: input([outside('startDate')]) }, 'input.basis.0.field');
    const attached = await ok(ATTACH, {
      input: input([inferred('role', 'A meeting in Vietnam is hosted by Vietnam’s minister.')]),
    });
    const host = attached.attachParticipant.event.participations.find((p) => p.role === 'HOST');
    expect(host?.basis).toEqual([
      {
        field: 'role',
        value: 'HOST',
        basis: 'INFERRED',
        note: 'A meeting in Vietnam is hosted by Vietnam’s minister.',
      },
    ]);
  });

  it('createPosition and updatePosition: the title’s basis, and a new title drops the old one', async () => {
    const input = (basis: BasisInput[]): PositionInput => ({
      holderId: ids.kishi,
      title: 'Basis Rule Adviser',
      citations: [cite('Kishi advises.')],
      basis,
    });
    await refused(
      CREATE_POSITION,
      { input: input([{ field: 'title', basis: 'OUTSIDE_KNOWLEDGE' }]) },
      'input.basis.0.note',
    );
    await refused(CREATE_POSITION, { input: input([outside('speaker')]) }, 'input.basis.0.field');
    const made = await ok(CREATE_POSITION, {
      input: input([outside('title', 'The ministry’s staff list.')]),
    });
    expect(made.createPosition.position.basis).toEqual([
      {
        field: 'title',
        value: 'Basis Rule Adviser',
        basis: 'OUTSIDE_KNOWLEDGE',
        note: 'The ministry’s staff list.',
      },
    ]);
    const renamed = await ok(UPDATE_POSITION, {
      input: { id: made.createPosition.position.id, version: 1, title: 'Senior Basis Rule Adviser' },
    });
    expect(renamed.updatePosition.position.basis).toEqual([
      { field: 'title', value: 'Senior Basis Rule Adviser', basis: 'STATED', note: null },
    ]);
  });

  it('a position’s dates need a basis like any other date, on create and on update', async () => {
    const input = (extra: Partial<PositionInput>): PositionInput => ({
      holderId: ids.kishi,
      title: 'Dated Basis Rule Adviser',
      start: { date: '2020-09-16', precision: 'DAY' },
      citations: [cite('Kishi advises.')],
      ...extra,
    });
    await refused(CREATE_POSITION, { input: input({}) }, 'input.start');
    const made = await ok(CREATE_POSITION, {
      input: input({
        citations: [
          cite('Kishi advises.'),
          cite('appointed on 16 September 2020', 'startDate', '2020-09-16'),
        ],
      }),
    });
    const { id, basis } = made.createPosition.position;
    expect(basisOf({ basis }, 'startDate')).toEqual({
      field: 'startDate',
      value: '2020-09-16',
      basis: 'STATED',
      note: null,
    });
    const end: PositionInput['start'] = { date: '2021-10-04', precision: 'DAY' };
    await refused(UPDATE_POSITION, { input: { id, version: 1, end } }, 'input.end');
    const ended = await ok(UPDATE_POSITION, {
      input: { id, version: 1, end, basis: [outside('endDate', 'The cabinet changed on 4 October 2021.')] },
    });
    expect(basisOf(ended.updatePosition.position, 'endDate')).toMatchObject({
      value: '2021-10-04',
      basis: 'OUTSIDE_KNOWLEDGE',
    });
  });
});

describe('remarks', () => {
  const CREATE = graphql(
    `
      mutation ($input: CreateRemarkInput!) {
        createRemark(input: $input) {
          remark {
            id
            basis {
              ...BasisEntry
            }
          }
        }
      }
    `,
    [BASIS],
  );
  const UPDATE = graphql(
    `
      mutation ($input: UpdateRemarkInput!) {
        updateRemark(input: $input) {
          remark {
            basis {
              ...BasisEntry
            }
          }
        }
      }
    `,
    [BASIS],
  );
  const remark = (
    extra: Partial<VariablesOf<typeof CREATE>['input']> = {},
  ): VariablesOf<typeof CREATE>['input'] => ({
    speakerId: ids.kishi,
    content: `Cooperation will deepen (${++n}).`,
    isDirectQuote: false,
    said: { date: '2026-04-07', precision: 'DAY' },
    citations: [cite('Kishi said cooperation would deepen.'), cite('on 7 April', 'saidDate', '2026-04-07')],
    ...extra,
  });

  it('createRemark refuses an unexplained said date; updateRemark a changed one, and drops replaced bases', async () => {
    await refused(CREATE, { input: remark({ citations: [cite('Kishi said so.')] }) }, 'input.said');
    const made = await ok(CREATE, {
      input: remark({ basis: [outside('content', 'paraphrased from the report')] }),
    });
    const { id } = made.createRemark.remark;
    await refused(
      UPDATE,
      { input: { id, version: 1, said: { date: '2026-04-01', precision: 'MONTH' } } },
      'input.said',
    );
    const updated = await ok(UPDATE, {
      input: {
        id,
        version: 1,
        content: 'Cooperation will deepen further.',
        said: { date: '2026-04-01', precision: 'MONTH' },
        basis: [outside('saidDate')],
      },
    });
    const bases = updated.updateRemark.remark.basis;
    expect(basisOf(updated.updateRemark.remark, 'saidDate')).toMatchObject({ basis: 'OUTSIDE_KNOWLEDGE' });
    // The paraphrase note was about the old words.
    expect(basisOf({ basis: bases }, 'content')).toMatchObject({
      value: 'Cooperation will deepen further.',
      basis: 'STATED',
      note: null,
    });
  });
});

const SET_VALUE_BASIS = graphql(`
  mutation ($input: SetValueBasisInput!) {
    setValueBasis(input: $input) {
      claim {
        id
      }
    }
  }
`);
/** An event created with its citations' ids and the fields they pin. */
const CREATE_EVENT_CITATIONS = graphql(`
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) {
      event {
        id
        citations {
          id
          claimField
        }
      }
    }
  }
`);
const REMOVE_CITATION = graphql(`
  mutation ($id: ID!) {
    removeCitation(input: { citationId: $id }) {
      citation {
        id
      }
    }
  }
`);

describe('setValueBasis', () => {
  it('refuses STATED for a date no citation pins with its value', async () => {
    const made = await ok(CREATE_EVENT, {
      input: event({
        placeName: 'Hanoi',
        citations: [...event().citations, cite('in Da Nang', 'placeName', 'Da Nang')],
        basis: [outside('placeName', 'from a briefing')],
      }),
    });
    await refused(
      SET_VALUE_BASIS,
      { input: { targetId: made.createEvent.event.id, field: 'placeName', basis: 'STATED' } },
      'input.basis',
    );
  });
});

describe('removeCitation', () => {
  it('refuses to remove the only quote that states a date, until the date has another basis', async () => {
    const made = await ok(CREATE_EVENT_CITATIONS, { input: event() });
    const { id, citations } = made.createEvent.event;
    const pin = citations.find((c) => c.claimField === 'startDate')!.id;
    const error = await refused(REMOVE_CITATION, { id: pin }, 'input.citationId');
    expect(error.message).toContain('left with no basis');
    await ok(SET_VALUE_BASIS, {
      input: { targetId: id, field: 'startDate', basis: 'OUTSIDE_KNOWLEDGE', note: 'from the programme' },
    });
    await ok(REMOVE_CITATION, { id: pin });
  });
});

describe('an inference keeps the quote it is drawn from', () => {
  it('refuses to remove the last citation that pins an inferred value’s field, until another does', async () => {
    const made = await ok(CREATE_EVENT_CITATIONS, {
      input: event({
        end: { date: '2026-04-09', precision: 'DAY' },
        citations: [...event().citations, cite('for three days', 'endDate', '2026-04-09')],
        basis: [inferred('endDate', 'end = start + 2 days: "for three days"')],
      }),
    });
    const { id, citations } = made.createEvent.event;
    const pin = citations.find((c) => c.claimField === 'endDate')!.id;
    const error = await refused(REMOVE_CITATION, { id: pin }, 'input.citationId');
    expect(error.message).toContain('inferred from this quote');
    await ok(
      graphql(`
        mutation ($input: AddCitationInput!) {
          addCitation(input: $input) {
            citation {
              id
            }
          }
        }
      `),
      {
        input: { targetId: id, citation: cite('a three-day meeting', 'endDate', '2026-04-09') },
      },
    );
    await ok(REMOVE_CITATION, { id: pin });
  });
});

describe('a STATED entry records nothing, on create as on update', () => {
  it('stores no row for it, and on update clears the recorded basis', async () => {
    const before = await counts();
    const made = await ok(CREATE_EVENT, {
      input: event({ basis: [{ field: 'startDate', basis: 'STATED' }] }),
    });
    expect((await counts()).bases).toBe(before.bases);
    const { id } = made.createEvent.event;
    const outsideKind = await ok(UPDATE_EVENT, {
      input: { id, version: 1, basis: [outside('startDate', 'from the programme')] },
    });
    expect(basisOf(outsideKind.updateEvent.event, 'startDate')).toMatchObject({ basis: 'OUTSIDE_KNOWLEDGE' });
    const stated = await ok(UPDATE_EVENT, {
      input: { id, version: 2, basis: [{ field: 'startDate', basis: 'STATED' }] },
    });
    expect(basisOf(stated.updateEvent.event, 'startDate')).toMatchObject({ basis: 'STATED', note: null });
    expect((await counts()).bases).toBe(before.bases);
  });
});
