// The response cache: public reads are answered from memory until data changes, whoever changes it, and
// nothing that depends on a key or failed is ever cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let editor: AuthHeaders;

const PERSON = /* GraphQL */ `
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
`;

interface Answer {
  cache: string | null;
  body: {
    data?: any;
    errors?: { extensions?: Record<string, any> }[];
    extensions?: { sql?: { statements?: number } };
  };
}

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get('x-response-cache'), body: await response.json() } as Answer;
}

/** The person's name as a public client sees it, once it is a fresh answer (not from the cache). */
async function freshName(slug: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const answer = await post(PERSON, { slug });
    if (answer.cache === 'MISS') return answer.body.data.participant.name;
    if (Date.now() > deadline) throw new Error('the cache was not invalidated within 5 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The answer once it comes from the cache. An earlier test's write is announced through the database as
 * well, and that notice may arrive late and drop the cache once more: wait it out.
 */
async function cachedAnswer(slug: string): Promise<Answer> {
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
    expect(first.body.data.participant.name).toBe('Nobuo Kishi');
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
    expect(other.body.data.participant.name).toBe('Phan Van Giang');
  });

  it('shows a mutation’s change to the very next read', async () => {
    const before = (await post(PERSON, { slug: 'phan-van-giang' })).body.data.participant;
    expect((await post(PERSON, { slug: 'phan-van-giang' })).cache).toBe('HIT');
    const update = await post(
      /* GraphQL */ `
        mutation Rename($input: UpdateParticipantInput!) {
          updateParticipant(input: $input) {
            participant {
              name
            }
          }
        }
      `,
      { input: { id: before.id, version: before.version, name: 'General Phan Van Giang' } },
      editor,
    );
    expect(update.body.errors).toBeUndefined();
    // No waiting: the server that answered the mutation dropped its cache before answering.
    const after = await post(PERSON, { slug: 'phan-van-giang' });
    expect(after.cache).toBe('MISS');
    expect(after.body.data.participant.name).toBe('General Phan Van Giang');
  });

  it('drops its answers when data changes outside the API (any writer, through the database)', async () => {
    expect(await freshName('nobuo-kishi')).toBe('Nobuo Kishi');
    expect((await cachedAnswer('nobuo-kishi')).body.data.participant.name).toBe('Nobuo Kishi');
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
      titles = answer.body.data.participant.participations.edges.map((e: any) => e.node.event.title);
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
        body: JSON.stringify({ query: '{ events(first: 1) { totalCount } }' }),
      });
      expect(response.headers.get('x-response-cache')).toBeNull();
      const again = await plain.gql('{ events(first: 1) { totalCount } }');
      expect(again.extensions?.sql?.statements).toBeGreaterThan(0);
    } finally {
      await plain.stop();
    }
  });
});
