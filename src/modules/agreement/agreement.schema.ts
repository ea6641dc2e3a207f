// Agreements between parties, their signing, and the sources behind each claim.
import { liveWhere } from '../../core/db/models.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { READ } from '../../core/auth/access.js';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/graphql/builder.js';
import { AgreementKindEnum, AgreementStatusEnum, AgreementSubjectEnum } from '../../core/graphql/enums.js';
import { FuzzyDate, fuzzy } from '../../core/graphql/fuzzy-date.js';
import { notFound } from '../../core/errors.js';
import { ConflictRef } from '../source/conflict.schema.js';
import { conflictsByTarget } from '../source/conflicts.data.js';
import { SourceRef } from '../source/source.schema.js';

builder.prismaNode('Agreement', {
  description: 'A treaty, agreement, memorandum or arrangement.',
  id: { field: 'id' },
  // node(id:) answers null for soft-deleted records, as for unknown ids.
  findUnique: (id) => ({ id, ...liveWhere.Agreement }),
  nullable: true,
  // Only the columns a query asks for (Pothos select mode): each field names what it reads, so a page
  // of the timeline fetches a few columns per row instead of every one.
  select: { id: true },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, human-readable identifier, usable in URLs.' }),
    title: t.exposeString('title', { description: 'Title.' }),
    kind: t.expose('kind', { type: AgreementKindEnum, description: 'Its legal form.' }),
    subjects: t.expose('subjects', { type: [AgreementSubjectEnum], description: 'What it is about.' }),
    status: t.expose('status', { type: AgreementStatusEnum, description: 'Where it stands.' }),
    summary: t.exposeString('summary', { nullable: true, description: 'What it provides, in brief.' }),
    signed: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'When it was signed, as the log records it (see `conflicts` where sources disagree).',
      select: { signedDate: true, signedPrecision: true },
      resolve: (a) => fuzzy(a.signedDate, a.signedPrecision),
    }),
    signingEvent: t.relation('signingEvent', {
      nullable: true,
      description: 'The event at which it was signed.',
    }),
    parties: t.relation('parties', {
      description: 'The parties, each with citations.',
      query: { orderBy: { id: 'asc' } },
    }),
    citations: t.relation('citations', {
      description: 'Sources for this agreement.',
      query: { orderBy: { id: 'asc' } },
    }),
    sources: t.field({
      type: [SourceRef],
      description: 'Every distinct source cited for the agreement or its parties.',
      select: {
        citations: { select: { source: true } },
        parties: { select: { citations: { select: { source: true } } } },
      },
      resolve: (a) => {
        const all = [...a.citations, ...a.parties.flatMap((p) => p.citations)].map((c) => c.source);
        return [...new Map(all.filter((s) => !s.deletedAt).map((s) => [s.id, s])).values()];
      },
    }),
    conflicts: t.field({
      type: [ConflictRef],
      description: 'Attributes of this agreement that sources disagree on, each side with its source.',
      resolve: (a, _args, ctx) => conflictsByTarget(ctx).load(a.id),
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

builder.prismaNode('AgreementParty', {
  description: 'A party to an agreement.',
  id: { field: 'id' },
  // node(id:) answers null for parties of soft-deleted agreements, as for unknown ids.
  findUnique: (id) => ({ id, ...liveWhere.AgreementParty }),
  nullable: true,
  // Only the columns a query asks for (Pothos select mode): each field names what it reads, so a page
  // of the timeline fetches a few columns per row instead of every one.
  select: { id: true },
  fields: (t) => ({
    participant: t.relation('participant', { description: 'The party (a country or one of its bodies).' }),
    agreement: t.relation('agreement', { description: 'The agreement.' }),
    citations: t.relation('citations', {
      description: 'Sources naming this party.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

const AgreementFilter = builder.inputType('AgreementFilter', {
  description: 'Narrows a list of agreements. All given conditions must hold.',
  fields: (t) => ({
    subjects: t.field({
      type: [AgreementSubjectEnum],
      required: false,
      description: 'About any of these subjects.',
    }),
    statuses: t.field({
      type: [AgreementStatusEnum],
      required: false,
      description: 'In any of these statuses.',
    }),
    parties: t.field({
      type: ['CountryCode'],
      required: false,
      description: 'Countries (ISO codes) that are all parties, directly or through their bodies.',
    }),
  }),
});

export function agreementWhere(
  filter: typeof AgreementFilter.$inferInput | null | undefined,
): Prisma.AgreementWhereInput {
  const and: Prisma.AgreementWhereInput[] = [liveWhere.Agreement];
  if (filter?.subjects?.length) and.push({ subjects: { hasSome: filter.subjects } });
  if (filter?.statuses?.length) and.push({ status: { in: filter.statuses } });
  for (const isoCode of filter?.parties ?? []) {
    and.push({ parties: { some: { participant: { OR: [{ isoCode }, { country: { isoCode } }] } } } });
  }
  return { AND: and };
}

/** The `agreements` list's order: most recently signed first, undated ones last. */
export const AGREEMENTS_ORDER = [
  { signedDate: { sort: 'desc', nulls: 'last' } },
  { id: 'desc' },
] satisfies Prisma.AgreementOrderByWithRelationInput[];

builder.queryFields((t) => ({
  agreements: t.prismaConnection(
    {
      authScopes: READ,
      type: 'Agreement',
      cursor: 'id',
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
      description: 'Agreements, most recently signed first (undated ones last).',
      args: { filter: t.arg({ type: AgreementFilter, required: false, description: 'Conditions to meet.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.agreement.findMany({
          ...query,
          where: agreementWhere(args.filter),
          orderBy: AGREEMENTS_ORDER,
        }),
      totalCount: (_root, args, ctx) => ctx.prisma.agreement.count({ where: agreementWhere(args.filter) }),
    },
    { description: 'A page of agreements.' },
    { description: 'An agreement and its cursor.' },
  ),
  agreement: t.prismaField({
    authScopes: READ,
    type: 'Agreement',
    nullable: true,
    description: 'One agreement by slug; NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The agreement’s slug.' }) },
    resolve: async (query, _root, { slug }, ctx) => {
      const found = await ctx.prisma.agreement.findFirst({
        ...query,
        where: { slug, ...liveWhere.Agreement },
      });
      if (!found) throw notFound('agreement', slug);
      return found;
    },
  }),
}));
