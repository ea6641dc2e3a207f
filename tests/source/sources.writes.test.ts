// Writes of sources over HTTP: create, update (URL and slug unique), soft delete that hides the source from
// lists, slug lookups and node(id), restore, FORBIDDEN for readers, deletes refused while claims cite it.
import { describe, expect, it } from 'vitest';
import {
  auditTrail,
  cite,
  editor,
  gid,
  ids,
  reader,
  refused,
  server,
  useWriteServer,
} from '../helpers/writes.js';
import { graphql } from '../helpers/graphql.js';
import { dataOf } from '../helpers/test-server.js';
import { CREATE_POSITION, newPosition, positionInput } from '../participant/participant.fixtures.js';
import { CREATE_SOURCE, UPDATE_SOURCE, DELETE_SOURCE, RESTORE_SOURCE, newSource } from './source.fixtures.js';

useWriteServer();

/** How many sources the list holds. */
const SOURCE_COUNT = graphql(`
  {
    sources(first: 1) {
      totalCount
    }
  }
`);

describe('sources', () => {
  it('creates a source, readable by slug and in the list, with an audit entry', async () => {
    const list = await server.gql(SOURCE_COUNT);
    const res = await server.gql(
      CREATE_SOURCE,
      {
        input: {
          kind: 'NEWS_ARTICLE',
          title: 'Defence ties deepen',
          url: 'https://example.org/ties',
          authors: ['A. Writer'],
          published: { date: '2026-02-01', precision: 'MONTH' },
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    const source = dataOf(res).createSource.source;
    expect(source).toMatchObject({
      slug: 'defence-ties-deepen',
      url: 'https://example.org/ties',
      version: 1,
      published: { date: '2026-02-01', precision: 'MONTH' },
    });
    const read = await server.gql(
      graphql(`
        {
          source(slug: "defence-ties-deepen") {
            title
            authors
          }
          sources(first: 1) {
            totalCount
          }
        }
      `),
    );
    expect(dataOf(read).source).toEqual({ title: 'Defence ties deepen', authors: ['A. Writer'] });
    expect(dataOf(read).sources.totalCount).toBe(dataOf(list).sources.totalCount + 1);
    expect((await auditTrail(source.id)).actions).toEqual(['createSource:CREATE']);
  });

  it.each([
    ['an ftp URL', { url: 'ftp://example.org/x' }, 'input.url'],
    ['a blank title', { title: ' ' }, 'input.title'],
    [
      'a YEAR date that is not 1 January',
      { published: { date: '2026-02-01', precision: 'YEAR' } },
      'input.published.date',
    ],
    ['an unknown embedding article', { embeddedInId: gid('Source') }, 'input.embeddedInId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    await refused(
      CREATE_SOURCE,
      { input: { kind: 'OTHER', title: 'Bad source', ...overrides } },
      'BAD_USER_INPUT',
      field,
    );
  });

  it('refuses a URL or slug another source has with CONFLICT', async () => {
    await newSource('Defence ties deepen', 'https://example.org/ties');
    await refused(
      CREATE_SOURCE,
      { input: { kind: 'OTHER', title: 'Again', url: 'https://example.org/ties' } },
      'CONFLICT',
      'input.url',
    );
    await refused(
      CREATE_SOURCE,
      { input: { kind: 'OTHER', title: 'Again', slug: 'defence-ties-deepen' } },
      'CONFLICT',
      'input.slug',
    );
  });

  it('refuses readers with FORBIDDEN', async () => {
    const res = await server.gql(CREATE_SOURCE, { input: { kind: 'OTHER', title: 'Reader source' } }, reader);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('updates a source; URL and slug stay unique; versions and ids are checked', async () => {
    // Another source, whose URL and slug an update may not take.
    await newSource('Defence ties deepen', 'https://example.org/ties');
    const source = await newSource('Update me', 'https://example.org/update-me');
    const res = await server.gql(
      UPDATE_SOURCE,
      {
        input: {
          id: source.id,
          version: 1,
          title: 'Updated',
          publisher: 'Example Times',
          url: 'https://example.org/updated',
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).updateSource.source).toMatchObject({
      title: 'Updated',
      publisher: 'Example Times',
      url: 'https://example.org/updated',
      version: 2,
      slug: 'update-me',
    });
    const audit = await auditTrail(source.id);
    expect(audit.actions).toEqual(['createSource:CREATE', 'updateSource:UPDATE']);
    expect(audit.entries[1]!.before).toMatchObject({ url: 'https://example.org/update-me' });
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 2, url: 'https://example.org/ties' } },
      'CONFLICT',
      'input.url',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 2, slug: 'defence-ties-deepen' } },
      'CONFLICT',
      'input.slug',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 2, embeddedInId: source.id } },
      'BAD_USER_INPUT',
      'input.embeddedInId',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 2, url: 'mailto:x@example.org' } },
      'BAD_USER_INPUT',
      'input.url',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: source.id, version: 1, title: 'x' } },
      'CONFLICT',
      'input.version',
    );
    await refused(
      UPDATE_SOURCE,
      { input: { id: gid('Source'), version: 1, title: 'x' } },
      'NOT_FOUND',
      'input.id',
    );
    // Keeping its own URL and slug is no clash; clearing the URL frees it.
    const same = await server.gql(
      UPDATE_SOURCE,
      {
        input: {
          id: source.id,
          version: 2,
          url: 'https://example.org/updated',
          slug: 'update-me',
          embeddedInId: ids.source,
        },
      },
      editor,
    );
    expect(same.errors).toBeUndefined();
    expect(dataOf(same).updateSource.source.embeddedIn).not.toBeNull();
  });

  it('soft-deletes a source (gone from the list, slug lookup and node) and restores it', async () => {
    const source = await newSource('Ephemeral source');
    const total = dataOf(await server.gql(SOURCE_COUNT)).sources.totalCount;
    const del = await server.gql(DELETE_SOURCE, { id: source.id, version: 1 }, editor);
    expect(dataOf(del).deleteSource.source.version).toBe(2);
    const gone = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            id
          }
          sources(first: 100) {
            totalCount
            edges {
              node {
                id
              }
            }
          }
        }
      `),
      { id: source.id },
    );
    expect(dataOf(gone).node).toBeNull();
    expect(dataOf(gone).sources.totalCount).toBe(total - 1);
    expect(dataOf(gone).sources.edges.map((e) => e.node.id)).not.toContain(source.id);
    const bySlug = await server.gql(
      graphql(`
        {
          source(slug: "ephemeral-source") {
            id
          }
        }
      `),
    );
    expect(bySlug.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A deleted source cannot be cited.
    await refused(
      CREATE_POSITION,
      { input: positionInput({ title: 'Cites a deleted source', citations: [cite('q', source.id)] }) },
      'BAD_USER_INPUT',
      'input.citations.0.sourceId',
    );
    const restore = await server.gql(RESTORE_SOURCE, { id: source.id, version: 2 }, editor);
    expect(dataOf(restore).restoreSource.source).toEqual({ version: 3, title: 'Ephemeral source' });
    expect((await auditTrail(source.id)).actions).toEqual([
      'createSource:CREATE',
      'deleteSource:DELETE',
      'restoreSource:RESTORE',
    ]);
  });

  it('refuses to delete a source that live claims cite', async () => {
    // A live claim that cites it (in this file's own database nothing else need have).
    await newPosition('Cites the notes');
    const source = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            ... on Source {
              version
            }
          }
        }
      `),
      { id: ids.source },
    );
    const node = dataOf(source).node;
    if (!node || !('version' in node)) throw new Error(`not a source: ${JSON.stringify(node)}`);
    const error = await refused(
      DELETE_SOURCE,
      { id: ids.source, version: node.version },
      'CONFLICT',
      'input.id',
    );
    expect(error.message).toMatch(/\d+ citations?\b/);
  });
});
