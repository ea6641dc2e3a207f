// Agreements and their parties for the write tests: each mutation's document and a helper that makes a
// record through it (as an EDITOR), with the input a test starts from.
import { expect } from 'vitest';
import { fixtureBasis } from '../helpers/fixture-basis.js';
import { graphql, type VariablesOf } from '../helpers/graphql.js';
import { dataOf } from '../helpers/test-server.js';
import { cite, editor, ids, server } from '../helpers/writes.js';

/** A party as the documents below select it. */
export const AGREEMENT_PARTY = graphql(`
  fragment AgreementPartyFields on AgreementParty {
    id
    participant {
      slug
    }
    citations {
      quote
    }
  }
`);

export const CREATE_AGREEMENT = graphql(
  `
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
            ...AgreementPartyFields
          }
          citations {
            id
            quote
          }
        }
      }
    }
  `,
  [AGREEMENT_PARTY],
);

export const UPDATE_AGREEMENT = graphql(`
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
`);
export const DELETE_AGREEMENT = graphql(
  `
    mutation ($id: ID!, $version: Int!) {
      deleteAgreement(input: { id: $id, version: $version }) {
        agreement {
          version
          parties {
            ...AgreementPartyFields
          }
        }
      }
    }
  `,
  [AGREEMENT_PARTY],
);
export const RESTORE_AGREEMENT = graphql(`
  mutation ($id: ID!, $version: Int!) {
    restoreAgreement(input: { id: $id, version: $version }) {
      agreement {
        version
        title
      }
    }
  }
`);
export const ADD_PARTY = graphql(
  `
    mutation ($input: AddAgreementPartyInput!) {
      addAgreementParty(input: $input) {
        agreement {
          parties {
            ...AgreementPartyFields
          }
        }
      }
    }
  `,
  [AGREEMENT_PARTY],
);
export const REMOVE_PARTY = graphql(`
  mutation ($id: ID!) {
    removeAgreementParty(input: { agreementPartyId: $id }) {
      agreement {
        parties {
          id
        }
      }
    }
  }
`);

/**
 * A valid agreement to create, with `overrides` on top; these are not checked against the schema, so that
 * a test can send what the server must refuse.
 */
export function agreementInput(
  overrides: Record<string, unknown> = {},
): VariablesOf<typeof CREATE_AGREEMENT>['input'] {
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

export async function newAgreement(title: string, overrides: Record<string, unknown> = {}) {
  const res = await server.gql(CREATE_AGREEMENT, { input: agreementInput({ title, ...overrides }) }, editor);
  expect(res.errors).toBeUndefined();
  return dataOf(res).createAgreement.agreement;
}
