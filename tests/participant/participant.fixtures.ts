// Participants, positions and remarks for the write tests: each mutation's document and a helper that
// makes a record through it (as an EDITOR), with the input a test starts from.
import { expect } from 'vitest';
import { fixtureBasis } from '../helpers/fixture-basis.js';
import { graphql, type VariablesOf } from '../helpers/graphql.js';
import { dataOf } from '../helpers/test-server.js';
import { cite, editor, ids, server } from '../helpers/writes.js';

/** A participant as its create and update answer it. */
const PARTICIPANT_FIELDS = graphql(`
  fragment ParticipantFields on Participant {
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
`);

export const CREATE_PARTICIPANT = graphql(
  `
    mutation ($input: CreateParticipantInput!, $key: String) {
      createParticipant(input: $input, idempotencyKey: $key) {
        replayed
        participant {
          ...ParticipantFields
          aliases
        }
      }
    }
  `,
  [PARTICIPANT_FIELDS],
);
export const UPDATE_PARTICIPANT = graphql(
  `
    mutation ($input: UpdateParticipantInput!) {
      updateParticipant(input: $input) {
        participant {
          ...ParticipantFields
        }
      }
    }
  `,
  [PARTICIPANT_FIELDS],
);
export const DELETE_PARTICIPANT = graphql(`
  mutation ($id: ID!, $version: Int!) {
    deleteParticipant(input: { id: $id, version: $version }) {
      participant {
        version
      }
    }
  }
`);
export const RESTORE_PARTICIPANT = graphql(`
  mutation ($id: ID!, $version: Int!) {
    restoreParticipant(input: { id: $id, version: $version }) {
      participant {
        version
        name
      }
    }
  }
`);

export type ParticipantInput = VariablesOf<typeof CREATE_PARTICIPANT>['input'];

export async function newParticipant(input: ParticipantInput) {
  const res = await server.gql(CREATE_PARTICIPANT, { input }, editor);
  expect(res.errors).toBeUndefined();
  return dataOf(res).createParticipant.participant;
}

/** A position as its create and update answer it. */
const POSITION_FIELDS = graphql(`
  fragment PositionFields on Position {
    id
    title
    version
    organisation {
      slug
    }
    start {
      date
    }
    end {
      date
    }
  }
`);

export const CREATE_POSITION = graphql(
  `
    mutation ($input: CreatePositionInput!) {
      createPosition(input: $input) {
        replayed
        position {
          ...PositionFields
          holder {
            name
          }
          start {
            precision
          }
          citations {
            id
            quote
          }
        }
      }
    }
  `,
  [POSITION_FIELDS],
);
/**
 * Its printed text: `refused()` (tests/helpers/writes.ts) takes its document as a string, and
 * tests/source/sources.writes.test.ts passes this one to it.
 */
export const UPDATE_POSITION = graphql(
  `
    mutation ($input: UpdatePositionInput!) {
      updatePosition(input: $input) {
        position {
          ...PositionFields
        }
      }
    }
  `,
  [POSITION_FIELDS],
);
export const DELETE_POSITION = graphql(`
  mutation ($id: ID!, $version: Int!) {
    deletePosition(input: { id: $id, version: $version }) {
      position {
        version
      }
    }
  }
`);
export const RESTORE_POSITION = graphql(`
  mutation ($id: ID!, $version: Int!) {
    restorePosition(input: { id: $id, version: $version }) {
      position {
        version
        title
      }
    }
  }
`);

export type PositionInput = VariablesOf<typeof CREATE_POSITION>['input'];

export function positionInput(overrides: Partial<PositionInput> = {}): PositionInput {
  return {
    holderId: ids.kishi,
    title: 'Special Adviser',
    organisationId: ids.modJapan,
    start: { date: '2022-01-01', precision: 'MONTH' },
    citations: [cite('Kishi became special adviser.')],
    basis: fixtureBasis('startDate'),
    ...overrides,
  };
}

export async function newPosition(title: string) {
  const res = await server.gql(CREATE_POSITION, { input: positionInput({ title }) }, editor);
  expect(res.errors).toBeUndefined();
  return dataOf(res).createPosition.position;
}

/** A remark as its create and update answer it. */
const REMARK_FIELDS = graphql(`
  fragment RemarkFields on Remark {
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
`);

export const CREATE_REMARK = graphql(
  `
    mutation ($input: CreateRemarkInput!) {
      createRemark(input: $input) {
        replayed
        remark {
          ...RemarkFields
          slug
          isDirectQuote
          audience
          said {
            date
            precision
          }
          addressee {
            slug
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
  `,
  [REMARK_FIELDS],
);
export const UPDATE_REMARK = graphql(
  `
    mutation ($input: UpdateRemarkInput!) {
      updateRemark(input: $input) {
        remark {
          ...RemarkFields
        }
      }
    }
  `,
  [REMARK_FIELDS],
);
export const DELETE_REMARK = graphql(`
  mutation ($id: ID!, $version: Int!) {
    deleteRemark(input: { id: $id, version: $version }) {
      remark {
        version
      }
    }
  }
`);
export const RESTORE_REMARK = graphql(`
  mutation ($id: ID!, $version: Int!) {
    restoreRemark(input: { id: $id, version: $version }) {
      remark {
        version
        content
      }
    }
  }
`);

export type RemarkInput = VariablesOf<typeof CREATE_REMARK>['input'];

export function remarkInput(overrides: Partial<RemarkInput> = {}): RemarkInput {
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

export async function newRemark(overrides: Partial<RemarkInput> = {}) {
  const res = await server.gql(CREATE_REMARK, { input: remarkInput(overrides) }, editor);
  expect(res.errors).toBeUndefined();
  return dataOf(res).createRemark.remark;
}
