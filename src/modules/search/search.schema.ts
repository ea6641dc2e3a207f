// `search`: full-text search over events, remarks and citations, ranked, highlighted and paged by keyset.
// A page costs one statement for the hits (with the capped total) plus one per kind present on the page for
// the records themselves, batched across the page by per-request DataLoaders (one per model and
// selection; with relation joins, a record's nested relations come in the same statement).
import { recordIfAny, type LoadedModel } from '../../core/graphql/record-loaders.js';
import { READ } from '../../core/auth/access.js';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/graphql/builder.js';
import { badInput } from '../../core/errors.js';
import { cursorExtension } from '../../core/graphql/cursors.js';
import {
  decodeCursor,
  DEFAULT_SEARCH_CANDIDATE_LIMIT,
  DEFAULT_SEARCH_COUNT_LIMIT,
  encodeCursor,
  MAX_QUERY_LENGTH,
  SEARCH_HIT_KINDS,
  searchPage,
  type SearchHitKind,
  type SearchHitRow,
} from './search.data.js';
import { namedEnum } from '../../core/graphql/enums.js';

const SearchHitKindEnum = namedEnum<SearchHitKind>('SearchHitKind', 'What kind of record a search hit is.', {
  EVENT: 'An event: its title and summary matched.',
  REMARK: 'A remark: its words matched.',
  CITATION: 'A citation: its verbatim quote from a source matched.',
});

const SearchHitRef = builder.objectRef<SearchHitRow>('SearchHit').implement({
  description: 'One search result: an event, a remark or a citation, with its rank and highlighted text.',
  fields: (t) => ({
    rank: t.exposeFloat('rank', {
      description:
        'Relevance: PostgreSQL ts_rank, scaled down for long texts (normalization 1); higher is better.',
    }),
    kind: t.expose('kind', { type: SearchHitKindEnum, description: 'Which kind of record matched.' }),
    headline: t.exposeString('headline', {
      description:
        'An excerpt of the matching text with every match wrapped in <mark>…</mark>. The text is HTML-escaped, ' +
        'so the excerpt can be inserted as HTML as it is.',
    }),
  }),
});

/** The record each kind of hit is, and the SearchHit field that serves it. */
const HIT_RECORDS = {
  EVENT: { field: 'event', model: 'Event', description: 'The event, when the hit is one.' },
  REMARK: { field: 'remark', model: 'Remark', description: 'The remark, when the hit is one.' },
  CITATION: {
    field: 'citation',
    model: 'Citation',
    description: 'The citation, when the hit is one (its source and the claim it supports are fields of it).',
  },
} as const satisfies Record<SearchHitKind, { field: string; model: LoadedModel; description: string }>;

for (const kind of SEARCH_HIT_KINDS) {
  const { field, model, description } = HIT_RECORDS[kind];
  builder.objectField(SearchHitRef, field, (t) =>
    t.prismaField({
      type: model,
      nullable: true,
      description,
      resolve: (query, hit, _args, ctx) => recordIfAny(ctx, model, hit.kind === kind ? hit.id : null, query),
    }),
  );
}

interface SearchTotals {
  totalCount: number;
  totalCountIsExact: boolean;
}

const SearchHitConnectionRef = builder.connectionObject(
  {
    type: SearchHitRef,
    name: 'SearchHitConnection',
    description: 'A page of search hits, best first.',
    fields: (t) => ({
      totalCount: t.int({
        description:
          `How many hits the query has in all (every page), counted up to a limit (${DEFAULT_SEARCH_COUNT_LIMIT.toLocaleString('en')} ` +
          'unless the server is configured otherwise): a query with more hits reports the limit, and ' +
          '`totalCountIsExact` is then false. A common query (one whose matches, estimated from a sample ' +
          'of the log, are far more than the limit) is not counted: it reports the limit, not exact.',
        resolve: (connection) => (connection as unknown as SearchTotals).totalCount,
      }),
      totalCountIsExact: t.boolean({
        description:
          'True when `totalCount` is every hit; false when the query has more hits than `totalCount` (a ' +
          'reader would see e.g. "200+ results"). Paging reaches every hit ranked (see `search`).',
        resolve: (connection) => (connection as unknown as SearchTotals).totalCountIsExact,
      }),
    }),
  },
  { name: 'SearchHitEdge', description: 'A search hit and its cursor.' },
);

builder.queryField('search', (t) =>
  t.field({
    authScopes: READ,
    type: SearchHitConnectionRef,
    nullable: true,
    extensions: cursorExtension({
      name: 'a rank, a kind and an id',
      accepts: (cursor) => decodeCursor(cursor) !== null,
    }),
    description:
      'Full-text search (English stemming, web-search syntax: "quoted phrases", or, -excluded) over event ' +
      'titles and summaries, remarks and citation quotes; best matches first (ties by kind, then id), with ' +
      `keyset pagination. The work per request is bounded, however long the log: at most ${DEFAULT_SEARCH_CANDIDATE_LIMIT.toLocaleString('en')} ` +
      'matches of each kind are ranked (unless the server is configured otherwise). A query with few ' +
      'matches of a kind (estimated from a fixed sample of the log) ranks its first matches in storage ' +
      'order, all of them when there are fewer than that; a common one ranks the matches found in a ' +
      'larger fixed sample spread over the whole log. A query ranks and pages through those candidates ' +
      'only (the same ones on every page while the data does not change).',
    args: {
      query: t.arg.string({
        required: true,
        description: 'What to look for, e.g. `cybersecurity` or `"freedom of navigation" -China`.',
      }),
      first: t.arg.int({
        required: false,
        description: `How many hits (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
      }),
      after: t.arg.string({
        required: false,
        description: 'Return the hits after this cursor (from a previous page).',
      }),
      kinds: t.arg({
        type: [SearchHitKindEnum],
        required: false,
        description: 'Only hits of these kinds (all kinds when omitted or empty).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const query = args.query.trim();
      if (query === '') throw badInput('query', '`query` must not be blank');
      if (query.length > MAX_QUERY_LENGTH) {
        throw badInput('query', `\`query\` must be at most ${MAX_QUERY_LENGTH} characters`);
      }
      const first = args.first ?? DEFAULT_PAGE_SIZE;
      if (first < 0 || first > MAX_PAGE_SIZE)
        throw badInput('first', `\`first\` must be between 0 and ${MAX_PAGE_SIZE}`);
      const after = args.after == null ? null : decodeCursor(args.after);
      if (args.after != null && !after) throw badInput('after', '`after` is not a cursor from this search');

      const kinds = (args.kinds ?? []).filter((k): k is SearchHitKind =>
        (SEARCH_HIT_KINDS as readonly string[]).includes(k),
      );
      const page = await searchPage(ctx.read, { query, first, after, kinds });
      const edges = page.hits.map((hit) => ({ cursor: encodeCursor(hit), node: hit }));
      return {
        edges,
        totalCount: page.totalCount,
        totalCountIsExact: page.totalCountIsExact,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: after !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
);
