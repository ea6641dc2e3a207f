// Sources and citations for the write tests: each mutation's document and a helper that makes a record
// through it (as an EDITOR).
import { expect } from 'vitest';
import { editor, server } from '../helpers/writes.js';

export const CREATE_SOURCE = /* GraphQL */ `
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
export const UPDATE_SOURCE = /* GraphQL */ `
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
export const DELETE_SOURCE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deleteSource(input: { id: $id, version: $version }) {
      source {
        version
      }
    }
  }
`;
export const RESTORE_SOURCE = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restoreSource(input: { id: $id, version: $version }) {
      source {
        version
        title
      }
    }
  }
`;

export async function newSource(title: string, url?: string) {
  const res = await server.gql<{ createSource: { source: { id: string; slug: string; version: number } } }>(
    CREATE_SOURCE,
    { input: { kind: 'NEWS_ARTICLE', title, ...(url ? { url } : {}) } },
    editor,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createSource.source;
}

export const ADD_CITATION = /* GraphQL */ `
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
export const REMOVE_CITATION = /* GraphQL */ `
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
