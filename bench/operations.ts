// The fixed set of GraphQL operations the bench drives, each as a frontend would send it, with the
// parameters varied per request where the answer depends on them (different people, subjects, search
// terms), so that the database cache and the planner see a realistic spread rather than one hot row.
//
// `depth` is the operation's nesting depth as the statement target counts it: the number of nested
// fields along the deepest path that each reach a new table (a root field, a relation, a list of related
// rows). Connection plumbing (edges, node, pageInfo) and value objects (start, signed) do not count.
// The target is SQL statements per request ≤ depth + 1.
import type { Prng } from './data/prng.js';

/** What the bench knows about the dataset, read from it before the run (see samples.ts). */
export interface Samples {
  personSlugs: string[];
  /** Global ids (as the API gives them) of people of each side, and of sources, for writes. */
  japanesePeople: string[];
  vietnamesePeople: string[];
  china: string;
  /** Sources to cite, each with a sentence of its text to quote. */
  sources: { id: string; quote: string }[];
}

export interface Operation {
  key: string;
  name: string;
  depth: number;
  query: string;
  /** Variables for one request. */
  variables(rng: Prng, samples: Samples): Record<string, unknown>;
  /** Needs an API key (the write). */
  write?: boolean;
}

export const SEARCH_TERMS = [
  // Common topics: many hits, so ranking and counting dominate.
  'maritime security',
  'defence cooperation',
  'South China Sea',
  // Middling and rare ones, names and places, and the web-search syntax.
  'cybersecurity',
  '"freedom of navigation"',
  'submarine rescue',
  'dioxin remediation',
  'coastal radar',
  'Cam Ranh',
  'Yokosuka port call',
  'Yamada',
  'cybersecurity -China',
  '"military medicine" or "field hospitals"',
  'peacekeeping training',
];

export const SUBJECTS = [
  'DEFENCE_EQUIPMENT_TRANSFER',
  'CYBERSECURITY',
  'MILITARY_MEDICINE',
  'MARITIME_SECURITY',
  'PEACEKEEPING',
  'TRAINING',
  'INTELLIGENCE',
  'GENERAL_DEFENCE_COOPERATION',
];

export const TIMELINE_PAGE_SIZE = 50;

/** (a) The timeline: the 50 most recent events, who took part in which role, and the sources cited. */
export const timeline: Operation = {
  key: 'a',
  name: 'timeline',
  depth: 3, // events → participations → participant; events → citations → source
  query: `query Timeline($after: String) {
  events(first: ${TIMELINE_PAGE_SIZE}, after: $after) {
    edges {
      node {
        slug
        title
        kind
        start { date precision label }
        placeName
        participations { role participant { slug name } }
        citations { quote source { slug title } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
  variables: () => ({ after: null }),
};

/** (b) A person's page: offices, their last 20 events, and who else took part in each (whom they met). */
export const personPage: Operation = {
  key: 'b',
  name: 'person page',
  depth: 5, // participant → participations → event → participations → participant
  query: `query PersonPage($slug: String!) {
  participant(slug: $slug) {
    slug
    name
    kind
    country { name isoCode }
    positions { title start { date precision } end { date precision } organisation { name } }
    participations(first: 20) {
      edges {
        node {
          role
          event {
            slug
            title
            start { date precision label }
            participations { role participant { slug name } }
          }
        }
      }
    }
  }
}`,
  variables: (rng, samples) => ({ slug: rng.pick(samples.personSlugs) }),
};

/** (c) Agreements about a subject, with their parties and the event at which each was signed. */
export const agreementsBySubject: Operation = {
  key: 'c',
  name: 'agreements by subject',
  depth: 3, // agreements → parties → participant; agreements → signingEvent
  query: `query Agreements($subjects: [AgreementSubject!]) {
  agreements(first: 20, filter: { subjects: $subjects }) {
    edges {
      node {
        slug
        title
        kind
        status
        subjects
        signed { date precision }
        parties { participant { slug name } }
        signingEvent { slug title start { date precision } }
      }
    }
  }
}`,
  variables: (rng) => ({ subjects: [rng.pick(SUBJECTS)] }),
};

/** (d) Full-text search: 20 hits with highlights and what each hit is. */
export const search: Operation = {
  key: 'd',
  name: 'search',
  depth: 3, // search → remark → speaker; search → citation → source
  query: `query Search($query: String!) {
  search(query: $query, first: 20) {
    totalCount
    edges {
      node {
        rank
        kind
        headline
        event { slug title }
        remark { content speaker { name } }
        citation { quote source { title } }
      }
    }
  }
}`,
  variables: (rng) => ({ query: rng.pick(SEARCH_TERMS) }),
};

/** (e) The relationship view of Japan and Vietnam (either order, as two pages of a frontend would ask). */
export const relationship: Operation = {
  key: 'e',
  name: 'relationship JP–VN',
  depth: 3, // relationship → remarks → speaker; relationship → topPairs → a/b
  query: `query Relationship($between: [CountryCode!]!) {
  relationship(between: $between) {
    countries { name isoCode }
    events(first: 10) { totalCount edges { node { slug title start { label } } } }
    agreements(first: 5) { totalCount edges { node { slug title } } }
    remarks(first: 5) { totalCount edges { node { content speaker { name } } } }
    countsByYear { period count }
    countsByKind { kind count }
    firstContact { slug title }
    lastContact { slug title }
    topPairs(first: 5) { a { name } b { name } meetings lastMet { label } }
  }
}`,
  variables: (rng) => ({ between: rng.chance(0.5) ? ['JP', 'VN'] : ['VN', 'JP'] }),
};

/**
 * (f) A write: a new event with three participants and two citations, with an EDITOR API key and a fresh
 * idempotency key per request. The input's date field follows the schema the server has (see
 * createEventInput): the plan had startDate/startPrecision, the implementation a FuzzyDateInput `start`.
 */
export const createEvent: Operation = {
  key: 'f',
  name: 'createEvent (write)',
  depth: 2, // createEvent → event
  write: true,
  query: `mutation CreateEvent($input: CreateEventInput!, $key: String) {
  createEvent(input: $input, idempotencyKey: $key) { event { id } }
}`,
  variables: () => {
    throw new Error('createEvent variables come from createEventInput (they depend on the schema)');
  },
};

/** Marks what the bench writes, so that it can remove it afterwards. */
export const WRITE_TITLE_PREFIX = 'Bench write';

export function createEventInput(
  rng: Prng,
  samples: Samples,
  dateShape: 'fuzzy' | 'flat',
  n: number,
): Record<string, unknown> {
  const year = rng.int(1995, 2024);
  const date = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const when =
    dateShape === 'fuzzy'
      ? { start: { date, precision: 'DAY' } }
      : { startDate: date, startPrecision: 'DAY' };
  // Two different sources: the same source and quote twice is refused as a repeated citation.
  const s1 = rng.pick(samples.sources);
  const s2 = rng.pick(samples.sources.filter((s) => s !== s1));
  return {
    kind: 'MEETING',
    title: `${WRITE_TITLE_PREFIX} ${n}: Japan–Vietnam maritime security talks`,
    summary: 'The two defence ministers discussed maritime security and capacity building in Hanoi.',
    ...when,
    // The write path refuses a date that no citation pins and no basis explains; this one is invented.
    basis: [{ field: 'startDate', basis: 'OUTSIDE_KNOWLEDGE', note: 'A bench write’s invented date.' }],
    participants: [
      { participantId: rng.pick(samples.japanesePeople), role: 'VISITOR' },
      { participantId: rng.pick(samples.vietnamesePeople), role: 'HOST' },
      { participantId: samples.china, role: 'SUBJECT' },
    ],
    citations: [
      { sourceId: s1.id, quote: s1.quote },
      { sourceId: s2.id, quote: s2.quote },
    ],
  };
}

export const OPERATIONS: Operation[] = [
  timeline,
  personPage,
  agreementsBySubject,
  search,
  relationship,
  createEvent,
];
