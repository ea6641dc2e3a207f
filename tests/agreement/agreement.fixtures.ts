// Agreements and their parties for the write tests: each mutation's document and a helper that makes a
// record through it (as an EDITOR), with the input a test starts from.
import { expect } from 'vitest';
import { fixtureBasis } from '../helpers/fixture-basis.js';
import { typed } from '../helpers/test-server.js';
import { cite, editor, ids, server } from '../helpers/writes.js';

/** A party as the documents below select it. */
export interface PartyResult {
  id: string;
  participant: { slug: string };
  citations: { quote: string }[];
}

/** An agreement as CREATE_AGREEMENT selects it. */
export interface AgreementResult {
  id: string;
  slug: string;
  title: string;
  kind: string;
  subjects: string[];
  status: string;
  version: number;
  signed: { date: string; precision: string } | null;
  signingEvent: { id: string } | null;
  parties: PartyResult[];
  citations: { id: string; quote: string }[];
}

export const CREATE_AGREEMENT = typed<{ createAgreement: { replayed: boolean; agreement: AgreementResult } }>(
  /* GraphQL */ `
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
  `,
);
export const UPDATE_AGREEMENT = typed<{
  updateAgreement: {
    agreement: Pick<AgreementResult, 'id' | 'slug' | 'status' | 'version'> & {
      summary: string | null;
      signed: { date: string } | null;
    };
  };
}>(/* GraphQL */ `
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
export const DELETE_AGREEMENT = typed<{
  deleteAgreement: { agreement: Pick<AgreementResult, 'version' | 'parties'> };
}>(/* GraphQL */ `
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
`);
export const RESTORE_AGREEMENT = typed<{
  restoreAgreement: { agreement: Pick<AgreementResult, 'version' | 'title'> };
}>(/* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restoreAgreement(input: { id: $id, version: $version }) {
      agreement {
        version
        title
      }
    }
  }
`);
export const ADD_PARTY = typed<{ addAgreementParty: { agreement: Pick<AgreementResult, 'parties'> } }>(
  /* GraphQL */ `
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
  `,
);
export const REMOVE_PARTY = typed<{ removeAgreementParty: { agreement: { parties: { id: string }[] } } }>(
  /* GraphQL */ `
    mutation ($id: ID!) {
      removeAgreementParty(input: { agreementPartyId: $id }) {
        agreement {
          parties {
            id
          }
        }
      }
    }
  `,
);

export function agreementInput(overrides: Record<string, unknown> = {}) {
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
  return res.data!.createAgreement.agreement;
}
