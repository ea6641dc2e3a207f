// The bench's pages (a), (b), (c) as PostGraphile documents, aliased to our field names, and the mapping
// that puts PostGraphile's answer into our shape so the two bodies can be compared exactly.
//
// What the mapping does (and only this):
// - a nested list `{ nodes: [...] }` (PostGraphile exposes only connections under the relay preset)
//   becomes the plain list we return;
// - flat date columns `xDate` + `xPrecision` become our FuzzyDate `x: { date, precision }` (null when the
//   date is null);
// - (b): the person's participations come from a second root field (bench_pgl.person_participations, as
//   PostGraphile cannot order a relation by the event's date); they go back under the participant.
// Two things PostGraphile does not return are left out of OUR answer for the comparison: `start.label`
// (a date label our server formats) and `pageInfo.endCursor` (each server's own cursor format). Our answer
// is compared in full, label and cursor included, with the floor's (samples.ts).
// No deleted_at filter on the (a) side: stock amber offers `condition` only on indexed columns. The bench
// data has no deleted rows, and the comparison before the load would show it if it had.
//
// Orders: `START_DATE_DESC` adds the primary key in the same direction (our `start_date DESC, id DESC`);
// nested lists are ordered explicitly, by the +orderBy tags of server.ts where amber has no index.

export interface PeerDocument {
  key: string;
  /** Takes the same variables as our operation of that key. */
  query: string;
  /** PostGraphile's `data` in our shape. */
  normalise(data: Record<string, unknown>): unknown;
}

const participations = `participations: participationsByEventId(orderBy: [ROLE_ASC, PRIMARY_KEY_ASC]) {
          nodes { role participant: participantByParticipantId { slug name } }
        }`;

export const PEER_DOCUMENTS: PeerDocument[] = [
  {
    key: 'a',
    query: `query Timeline($after: Cursor) {
  events: allEvents(first: 50, after: $after, orderBy: START_DATE_DESC) {
    edges {
      node {
        slug
        title
        kind
        startDate
        startPrecision
        placeName
        ${participations}
        citations: citationsByEventId(orderBy: PRIMARY_KEY_ASC) {
          nodes { quote source: sourceBySourceId { slug title } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    normalise: (data) => fromPostgraphile(data),
  },
  {
    key: 'b',
    query: `query PersonPage($slug: String!) {
  people: allParticipants(condition: { slug: $slug }, first: 1) {
    nodes {
      slug
      name
      kind
      country: participantByCountryId { name isoCode }
      positions: positionsByHolderId(orderBy: [START_DATE_DESC, PRIMARY_KEY_ASC]) {
        nodes {
          title
          startDate
          startPrecision
          endDate
          endPrecision
          organisation: participantByOrganisationId { name }
        }
      }
    }
  }
  participations: benchPglPersonParticipations(slug: $slug, first: 20) {
    edges {
      node {
        role
        event: eventByEventId {
          slug
          title
          startDate
          startPrecision
          ${participations}
        }
      }
    }
  }
}`,
    normalise: (data) => {
      const { people, participations } = fromPostgraphile(data) as {
        people: Record<string, unknown>[];
        participations: unknown;
      };
      const person = people[0];
      return { participant: person ? { ...person, participations } : null };
    },
  },
  {
    key: 'c',
    query: `query Agreements($subjects: [AgreementSubject]) {
  agreements: benchPglAgreementsBySubjects(subjects: $subjects, first: 20) {
    edges {
      node {
        slug
        title
        kind
        status
        subjects
        signedDate
        signedPrecision
        parties: agreementPartiesByAgreementId(orderBy: PRIMARY_KEY_ASC) {
          nodes { participant: participantByParticipantId { slug name } }
        }
        signingEvent: eventBySigningEventId { slug title startDate startPrecision }
      }
    }
  }
}`,
    normalise: (data) => fromPostgraphile(data),
  },
];

/** PostGraphile's shape to ours: connections' `nodes` to lists, flat dates to FuzzyDate objects. */
function fromPostgraphile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromPostgraphile);
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1 && keys[0] === 'nodes') return fromPostgraphile(object.nodes);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const date = /^(.*)Date$/.exec(key)?.[1];
    if (date !== undefined && `${date}Precision` in object) {
      out[date] = object[key] === null ? null : { date: object[key], precision: object[`${date}Precision`] };
    } else if (!(key.endsWith('Precision') && `${key.slice(0, -'Precision'.length)}Date` in object)) {
      out[key] = fromPostgraphile(object[key]);
    }
  }
  return out;
}

/** Our answer without what PostGraphile cannot return (see the top of this file). */
export function comparableOurs(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(comparableOurs);
  if (!data || typeof data !== 'object') return data;
  return Object.fromEntries(
    Object.entries(data)
      .filter(([key]) => key !== 'label' && key !== 'endCursor')
      .map(([key, value]) => [key, comparableOurs(value)]),
  );
}

/** PostGraphile's answer in our shape, without its own cursor. */
export function comparablePeer(key: string, data: Record<string, unknown>): unknown {
  const document = PEER_DOCUMENTS.find((d) => d.key === key)!;
  return comparableOurs(document.normalise(data));
}
