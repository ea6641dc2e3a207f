// Sources and citations for the write tests: each mutation's document and a helper that makes a record
// through it (as an EDITOR).
import { expect } from 'vitest';
import { graphql } from '../helpers/graphql.js';
import { dataOf } from '../helpers/test-server.js';
import { editor, server } from '../helpers/writes.js';

/** A source as the create and update tests compare it. */
export const SOURCE_RECORD = graphql(`
  fragment SourceRecord on Source {
    id
    slug
    title
    url
    version
  }
`);

export const CREATE_SOURCE = graphql(
  `
    mutation ($input: CreateSourceInput!) {
      createSource(input: $input) {
        replayed
        source {
          ...SourceRecord
          published {
            date
            precision
          }
          authors
        }
      }
    }
  `,
  [SOURCE_RECORD],
);
export const UPDATE_SOURCE = graphql(
  `
    mutation ($input: UpdateSourceInput!) {
      updateSource(input: $input) {
        source {
          ...SourceRecord
          publisher
          embeddedIn {
            slug
          }
        }
      }
    }
  `,
  [SOURCE_RECORD],
);
export const DELETE_SOURCE = graphql(`
  mutation ($id: ID!, $version: Int!) {
    deleteSource(input: { id: $id, version: $version }) {
      source {
        version
      }
    }
  }
`);
export const RESTORE_SOURCE = graphql(`
  mutation ($id: ID!, $version: Int!) {
    restoreSource(input: { id: $id, version: $version }) {
      source {
        version
        title
      }
    }
  }
`);

export async function newSource(title: string, url?: string) {
  const res = await server.gql(
    CREATE_SOURCE,
    { input: { kind: 'NEWS_ARTICLE', title, ...(url ? { url } : {}) } },
    editor,
  );
  expect(res.errors).toBeUndefined();
  return dataOf(res).createSource.source;
}

export const ADD_CITATION = graphql(`
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
`);
export const REMOVE_CITATION = graphql(`
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
`);

// `refused` (tests/helpers/writes.ts) takes its document as a string, and other domains' tests pass these
// two to it: they stay the printed text of the typed documents above.
