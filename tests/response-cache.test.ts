// The response cache: public reads are answered from memory until data changes, whoever changes it, and
// nothing that depends on a key or failed is ever cached.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { graphql, type ResultOf, type TadaDocumentNode } from './helpers/graphql.js';
import { dataOf, startTestServer, type GraphQLResponse, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let editor: AuthHeaders;

const PERSON = graphql(`
  query Person($slug: String!) {
    participant(slug: $slug) {
      id
      name
      version
      participations(first: 3) {
        edges {
          node {
            role
            event {
              title
            }
          }
        }
      }
    }
  }
`);

const RENAME = graphql(`
  mutation Rename($input: UpdateParticipantInput!) {
    updateParticipant(input: $input) {
      participant {
        name
      }
    }
  }
`);

const EVENT_COUNT = graphql(`
  {
    events(first: 1) {
      totalCount
    }
  }
`);

/** The answer's body, with the HTTP status as `server.gql` gives it, and the statements it ran. */
interface Body<Data> extends GraphQLResponse<Data> {
  extensions?: { sql?: { statements?: number } };
}

/** An answer with the response cache's header (`x-response-cache`). */
interface Answer<Data> {
  cache: string | null;
  body: Body<Data>;
}

/** POSTs a document as a client would (the same text each time: the cache keys on it), with its header. */
async function post<Data, Variables>(
  document: TadaDocumentNode<Data, Variables>,
  variables: Variables,
  headers: Record<string, string> = {},
): Promise<Answer<Data>> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as Omit<Body<Data>, 'status'>;
  return { cache: response.headers.get('x-response-cache'), body: { status: response.status, ...body } };
}

/** The person an answer carries, once it has no errors and found them. */
function participantOf(answer: Answer<ResultOf<typeof PERSON>>) {
  const { participant } = dataOf(answer.body);
  expect(participant).not.toBeNull();
  return participant!;
}

/** The person's name as a public client sees it, once it is a fresh answer (not from the cache). */
async function freshName(slug: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const answer = await post(PERSON, { slug });
    if (answer.cache === 'MISS') return participantOf(answer).name;
    if (Date.now() > deadline) throw new Error('the cache was not invalidated within 5 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The answer once it comes from the cache. An earlier test's write is announced through the database as
 * well, and that notice may arrive late and drop the cache once more: wait it out.
 */
async function cachedAnswer(slug: string): Promise<Answer<ResultOf<typeof PERSON>>> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const answer = await post(PERSON, { slug });
    if (answer.cache === 'HIT') return answer;
    if (Date.now() > deadline) throw new Error('the answer was not cached within 5 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  server = await startTestServer({ responseCache: { ttlSeconds: 60, maxBytes: 8 * 2 ** 20 } });
  editor = await bearer(server.db, 'EDITOR');
});

afterAll(async () => {
  await server?.stop();
});

describe('response cache', () => {
  it('answers a repeated public query from memory, with the same data and no SQL', async () => {
    const first = await post(PERSON, { slug: 'nobuo-kishi' });
    expect(first.cache).toBe('MISS');
    expect(participantOf(first).name).toBe('Nobuo Kishi');
    expect(first.body.extensions?.sql?.statements).toBeGreaterThan(0);

    const second = await post(PERSON, { slug: 'nobuo-kishi' });
    expect(second.cache).toBe('HIT');
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.extensions?.sql?.statements ?? 0).toBe(0);
  });

  it('keys answers by variables', async () => {
    await post(PERSON, { slug: 'nobuo-kishi' });
    const other = await post(PERSON, { slug: 'phan-van-giang' });
    expect(other.cache).toBe('MISS');
    expect(participantOf(other).name).toBe('Phan Van Giang');
  });

  it('shows a mutation’s change to the very next read', async () => {
    const before = participantOf(await post(PERSON, { slug: 'phan-van-giang' }));
    expect((await post(PERSON, { slug: 'phan-van-giang' })).cache).toBe('HIT');
    const update = await post(
      RENAME,
      { input: { id: before.id, version: before.version, name: 'General Phan Van Giang' } },
      editor,
    );
    expect(update.body.errors).toBeUndefined();
    // No waiting: the server that answered the mutation dropped its cache before answering.
    const after = await post(PERSON, { slug: 'phan-van-giang' });
    expect(after.cache).toBe('MISS');
    expect(participantOf(after).name).toBe('General Phan Van Giang');
  });

  it('drops its answers when data changes outside the API (any writer, through the database)', async () => {
    expect(await freshName('nobuo-kishi')).toBe('Nobuo Kishi');
    expect(participantOf(await cachedAnswer('nobuo-kishi')).name).toBe('Nobuo Kishi');
    await server.db.prisma
      .$executeRaw`UPDATE participant SET name = 'Kishi Nobuo' WHERE slug = 'nobuo-kishi'`;
    expect(await freshName('nobuo-kishi')).toBe('Kishi Nobuo');
    // A change to another table the answer reads (the titles of his events) is seen as well.
    await server.db.prisma.$executeRaw`UPDATE event SET title = title || ' (edited)'
      WHERE id IN (SELECT event_id FROM participation p JOIN participant x ON x.id = p.participant_id
                   WHERE x.slug = 'nobuo-kishi')`;
    const deadline = Date.now() + 5_000;
    let titles: string[] = [];
    while (Date.now() < deadline) {
      const answer = await post(PERSON, { slug: 'nobuo-kishi' });
      titles = participantOf(answer).participations.edges.map((e) => e.node.event.title);
      if (titles.length && titles.every((t) => t.endsWith(' (edited)'))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t.endsWith(' (edited)'))).toBe(true);
  });

  it('never caches requests with an API key', async () => {
    const a = await post(PERSON, { slug: 'nobuo-kishi' }, editor);
    const b = await post(PERSON, { slug: 'nobuo-kishi' }, editor);
    expect([a.cache, b.cache]).toEqual(['BYPASS', 'BYPASS']);
    expect(b.body.extensions?.sql?.statements).toBeGreaterThan(0);
  });

  it('never caches an answer with errors', async () => {
    const a = await post(PERSON, { slug: 'nobody-at-all' });
    const b = await post(PERSON, { slug: 'nobody-at-all' });
    expect(a.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(b.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(b.cache).toBe('MISS');
  });
});

describe('without a response cache', () => {
  it('runs every query (RESPONSE_CACHE_TTL_SECONDS=0)', async () => {
    const plain = await startTestServer({ seed: false });
    try {
      const response = await fetch(`${plain.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(EVENT_COUNT) }),
      });
      expect(response.headers.get('x-response-cache')).toBeNull();
      const again = await plain.gql(EVENT_COUNT);
      expect(again.extensions?.sql?.statements).toBeGreaterThan(0);
    } finally {
      await plain.stop();
    }
  });
});
