// Agreements between parties, their signing, and the sources behind each claim.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../../core/graphql/builder.js';
import { rootRecordPage, recordBySlug } from '../../core/graphql/record-fields.js';
import { recordNode } from '../../core/graphql/record-node.js';
import { AgreementKindEnum, AgreementStatusEnum, AgreementSubjectEnum } from '../../core/graphql/enums.js';
import { fuzzyDateField } from '../../core/graphql/fuzzy-date-field.js';
import { ConflictRef } from '../source/conflict.schema.js';
import { conflictsByTarget } from '../source/conflicts.data.js';
import { SourceRef } from '../source/source.schema.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { FuzzyDateInput } from '../../core/graphql/fuzzy-date.js';
import { dateColumns, field, recordInput } from '../../core/write/input-fields.js';
import { defineFilter, filterField } from '../../core/graphql/filters.js';
import { fuzzyDate, globalId, noDuplicates, slug, text } from '../../core/write/validation.js';
import { AgreementKind, AgreementStatus, AgreementSubject } from '../../generated/prisma/enums.js';
import { z } from 'zod';

recordNode('Agreement', (t) => ({
  title: t.exposeString('title'),
  kind: t.expose('kind', { type: AgreementKindEnum }),
  subjects: t.expose('subjects', { type: [AgreementSubjectEnum] }),
  status: t.expose('status', { type: AgreementStatusEnum }),
  summary: t.exposeString('summary', { nullable: true }),
  signed: t.field(
    fuzzyDateField(
      'signed',
      'When it was signed, as the log records it (see `conflicts` where sources disagree).',
    ),
  ),
  signingEvent: t.relation('signingEvent', { nullable: true }),
  parties: t.relation('parties', {
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
}));

/** An agreement's own fields as writes take them: create and update inputs, validation, row. */
export const agreementInput = recordInput('Agreement', {
  slug: field.optional(
    'String',
    slug,
    'Stable identifier, unique among agreements; made from the title when omitted.',
  ),
  title: field.required('String', text(LIMITS.agreementTitle.maxChars)),
  kind: field.required(AgreementKindEnum, z.enum(AgreementKind)),
  subjects: field.optional(
    [AgreementSubjectEnum],
    z
      .array(z.enum(AgreementSubject))
      .max(LIMITS.agreementSubjects.maxItems)
      .superRefine((list, ctx) => noDuplicates(list, (s) => s, ctx, 'subject')),
    'What it is about (replaces the list on update).',
  ),
  status: field.required(AgreementStatusEnum, z.enum(AgreementStatus)),
  signed: field.nullable(FuzzyDateInput, fuzzyDate, 'When it was signed, as precisely as the sources say.', {
    row: dateColumns('signed'),
  }),
  signingEventId: field.nullable('ID', globalId('Event'), 'The event at which it was signed.'),
  summary: field.nullable('String', text(LIMITS.agreementSummary.maxChars)),
});

recordNode('AgreementParty', (t) => ({
  participant: t.relation('participant'),
  agreement: t.relation('agreement'),
}));

export const agreementFilter = defineFilter('AgreementFilter', {
  model: 'Agreement',
  description: 'Narrows a list of agreements. All given conditions must hold.',
  fields: {
    subjects: filterField<AgreementSubject[]>({
      type: [AgreementSubjectEnum],
      description: 'About any of these subjects.',
      where: (subjects) => ({ subjects: { hasSome: subjects } }),
    }),
    statuses: filterField<AgreementStatus[]>({
      type: [AgreementStatusEnum],
      description: 'In any of these statuses.',
      where: (statuses) => ({ status: { in: statuses } }),
    }),
    parties: filterField<string[]>({
      type: ['CountryCode'],
      description: 'Countries (ISO codes) that are all parties, directly or through their bodies.',
      where: (codes) => ({
        AND: codes.map((isoCode) => ({
          parties: { some: { participant: { OR: [{ isoCode }, { country: { isoCode } }] } } },
        })),
      }),
    }),
  },
});
const AgreementFilter = agreementFilter.ref;
export const agreementWhere = agreementFilter.where;

/** The `agreements` list's order: most recently signed first, undated ones last. */
export const AGREEMENTS_ORDER = [
  { signedDate: { sort: 'desc', nulls: 'last' } },
  { id: 'desc' },
] satisfies Prisma.AgreementOrderByWithRelationInput[];

builder.queryFields((t) => ({
  agreements: t.prismaConnection(
    {
      ...rootRecordPage,
      type: 'Agreement',
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
  agreement: t.prismaField(recordBySlug('Agreement')),
}));
