// Remarks: what participants said, when, in which capacity, to whom, at which event.
import { liveWhere } from '../../core/db/models.js';
import { READ } from '../../core/auth/access.js';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/graphql/builder.js';
import { FuzzyDate, fuzzy } from '../../core/graphql/fuzzy-date.js';

builder.prismaNode('Remark', {
  description: 'What a participant said, as reported by the cited sources.',
  id: { field: 'id' },
  // node(id:) answers null for soft-deleted records, as for unknown ids.
  findUnique: (id) => ({ id, ...liveWhere.Remark }),
  nullable: true,
  // Only the columns a query asks for (Pothos select mode): each field names what it reads, so a page
  // of the timeline fetches a few columns per row instead of every one.
  select: { id: true },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, human-readable identifier.' }),
    content: t.exposeString('content', {
      description: 'The words (verbatim when isDirectQuote, else as paraphrased by the source).',
    }),
    isDirectQuote: t.exposeBoolean('isDirectQuote', {
      description: 'Whether `content` is the speaker’s own words.',
    }),
    said: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'When it was said.',
      select: { saidDate: true, saidPrecision: true },
      resolve: (r) => fuzzy(r.saidDate, r.saidPrecision),
    }),
    speaker: t.relation('speaker', { description: 'Who said it.' }),
    speakerPosition: t.relation('speakerPosition', {
      nullable: true,
      description: 'The office they spoke in, if the source says.',
    }),
    audience: t.exposeString('audience', {
      nullable: true,
      description: 'Who heard it, when not a participant ("reporters").',
    }),
    addressee: t.relation('addressee', {
      nullable: true,
      description: 'The participant it was addressed to.',
    }),
    event: t.relation('event', { nullable: true, description: 'The event at which it was said.' }),
    topics: t.exposeStringList('topics', { description: 'Countries (ISO codes) or regions it is about.' }),
    citations: t.relation('citations', {
      description: 'Sources reporting it, with quotes.',
      query: { orderBy: { id: 'asc' } },
    }),
    version: t.exposeInt('version', {
      description: 'Incremented by every update; send it back to update safely.',
    }),
    deletedAt: t.expose('deletedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was deleted; reads hide deleted records, so only mutation payloads show a value.',
    }),
  }),
});

builder.queryField('remarks', (t) =>
  t.prismaConnection(
    {
      authScopes: READ,
      type: 'Remark',
      cursor: 'id',
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
      description: 'Remarks, most recent first.',
      args: {
        topic: t.arg.string({
          required: false,
          description: 'Only remarks about this country code or region.',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.remark.findMany({
          ...query,
          where: { ...liveWhere.Remark, ...(args.topic ? { topics: { has: args.topic } } : {}) },
          orderBy: [{ saidDate: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
        }),
      totalCount: (_root, args, ctx) =>
        ctx.prisma.remark.count({
          where: { ...liveWhere.Remark, ...(args.topic ? { topics: { has: args.topic } } : {}) },
        }),
    },
    { description: 'A page of remarks.' },
    { description: 'A remark and its cursor.' },
  ),
);
