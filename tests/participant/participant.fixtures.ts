// Participants, positions and remarks for the write tests: each mutation's document and a helper that
// makes a record through it (as an EDITOR), with the input a test starts from.
import { expect } from 'vitest';
import { fixtureBasis } from '../helpers/fixture-basis.js';
import { cite, editor, ids, server } from '../helpers/writes.js';

export const CREATE_PARTICIPANT = /* GraphQL */ `
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
export const UPDATE_PARTICIPANT = /* GraphQL */ `
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
export const DELETE_PARTICIPANT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deleteParticipant(input: { id: $id, version: $version }) {
      participant {
        version
      }
    }
  }
`;
export const RESTORE_PARTICIPANT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restoreParticipant(input: { id: $id, version: $version }) {
      participant {
        version
        name
      }
    }
  }
`;

export async function newParticipant(input: Record<string, unknown>) {
  const res = await server.gql<{
    createParticipant: { participant: { id: string; slug: string; version: number } };
  }>(CREATE_PARTICIPANT, { input }, editor);
  expect(res.errors).toBeUndefined();
  return res.data!.createParticipant.participant;
}

export const CREATE_POSITION = /* GraphQL */ `
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
export const UPDATE_POSITION = /* GraphQL */ `
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
export const DELETE_POSITION = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deletePosition(input: { id: $id, version: $version }) {
      position {
        version
      }
    }
  }
`;
export const RESTORE_POSITION = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restorePosition(input: { id: $id, version: $version }) {
      position {
        version
        title
      }
    }
  }
`;

export function positionInput(overrides: Record<string, unknown> = {}) {
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
  const res = await server.gql<{
    createPosition: { position: { id: string; version: number; citations: { id: string }[] } };
  }>(CREATE_POSITION, { input: positionInput({ title }) }, editor);
  expect(res.errors).toBeUndefined();
  return res.data!.createPosition.position;
}

export const CREATE_REMARK = /* GraphQL */ `
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
export const UPDATE_REMARK = /* GraphQL */ `
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
export const DELETE_REMARK = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    deleteRemark(input: { id: $id, version: $version }) {
      remark {
        version
      }
    }
  }
`;
export const RESTORE_REMARK = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!) {
    restoreRemark(input: { id: $id, version: $version }) {
      remark {
        version
        content
      }
    }
  }
`;

export function remarkInput(overrides: Record<string, unknown> = {}) {
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

export async function newRemark(overrides: Record<string, unknown> = {}) {
  const res = await server.gql<{
    createRemark: { remark: { id: string; slug: string; citations: { id: string }[] } };
  }>(CREATE_REMARK, { input: remarkInput(overrides) }, editor);
  expect(res.errors).toBeUndefined();
  return res.data!.createRemark.remark;
}
