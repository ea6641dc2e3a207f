// Sources and the citations that tie every claim to a verbatim quote from one of them.
import { liveWhere } from '../../core/db/models.js';
import { builder } from '../../core/graphql/builder.js';
import type { FieldBuilderOf } from '../../core/graphql/field-builder.js';
import { rootRecordPage, relatedRecordPage, recordBySlug } from '../../core/graphql/record-fields.js';
import { recordNode, selectedNode } from '../../core/graphql/record-node.js';
import { SourceKindEnum } from '../../core/graphql/enums.js';
import { fuzzyDateField } from '../../core/graphql/fuzzy-date-field.js';
import { citationOfLiveClaim } from './live-citations.js';

export const SourceRef = recordNode('Source', (t) => ({
  kind: t.expose('kind', { type: SourceKindEnum }),
  title: t.exposeString('title'),
  publisher: t.exposeString('publisher', { nullable: true }),
  authors: t.exposeStringList('authors'),
  url: t.exposeString('url', { nullable: true }),
  published: t.field(fuzzyDateField('published', 'When it was published.')),
  fullText: t.exposeString('fullText', { nullable: true }),
  attributions: t.exposeStringList('attributions'),
  embeddedIn: t.relation('embeddedIn', { nullable: true }),
  embedded: t.relation('embedded', {
    query: { where: liveWhere.Source, orderBy: [{ publishedDate: 'asc' }, { id: 'asc' }] },
  }),
  citations: t.relatedConnection('citations', {
    ...relatedRecordPage,
    // Only citations of live claims: a citation of a deleted remark would lead to the remark.
    query: { where: citationOfLiveClaim, orderBy: { id: 'asc' } },
  }),
}));

interface Anchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}
type AnchorColumns = {
  anchorExact: string | null;
  anchorPrefix: string | null;
  anchorSuffix: string | null;
  anchorStart: number | null;
  anchorEnd: number | null;
};
const anchorOf = (c: AnchorColumns): Anchor | null =>
  c.anchorExact === null || c.anchorStart === null || c.anchorEnd === null
    ? null
    : {
        exact: c.anchorExact,
        prefix: c.anchorPrefix ?? '',
        suffix: c.anchorSuffix ?? '',
        start: c.anchorStart,
        end: c.anchorEnd,
      };
const ANCHOR_SELECT = {
  anchorExact: true,
  anchorPrefix: true,
  anchorSuffix: true,
  anchorStart: true,
  anchorEnd: true,
} as const;

/**
 * A W3C Web Annotation selector of a quote in its source's full text: what it gives, its `type` (the W3C
 * model's name for it) and its own fields.
 */
const selectorRef = <Fields extends object>(
  name: string,
  gives: string,
  fields: (t: FieldBuilderOf<Anchor>) => Fields,
) =>
  builder.objectRef<Anchor>(name).implement({
    description: `Where a quote sits in its source’s full text, as a W3C Web Annotation ${name}: ${gives}.`,
    fields: (t) => ({
      type: t.string({ description: `Always "${name}" (the W3C model’s type name).`, resolve: () => name }),
      ...fields(t),
    }),
  });

const TextQuoteSelectorRef = selectorRef(
  'TextQuoteSelector',
  'the exact words with the text just before and after them',
  (t) => ({
    exact: t.exposeString('exact', {
      description:
        'The words exactly as the source’s text has them (the quote may differ only in whitespace, ' +
        'typographic quotes and dashes).',
    }),
    prefix: t.exposeString('prefix', {
      description: 'Up to 32 characters of the text immediately before the quote (empty at its start).',
    }),
    suffix: t.exposeString('suffix', {
      description: 'Up to 32 characters of the text immediately after the quote (empty at its end).',
    }),
  }),
);

const TextPositionSelectorRef = selectorRef(
  'TextPositionSelector',
  'offsets in Unicode code points, start inclusive, end exclusive',
  (t) => ({
    start: t.exposeInt('start', { description: 'Code-point offset of the quote’s first character.' }),
    end: t.exposeInt('end', { description: 'Code-point offset just after the quote’s last character.' }),
  }),
);

export const CitationRef = builder.prismaNode('Citation', {
  ...selectedNode,
  fields: (t) => ({
    quote: t.exposeString('quote'),
    source: t.relation('source'),
    verified: t.boolean({
      description:
        'True when the quote was found in its source’s full text (and is anchored there); false when the ' +
        'log holds no full text of the source, so the quote could not be checked.',
      select: { anchorStart: true },
      resolve: (c) => c.anchorStart !== null,
    }),
    textQuoteSelector: t.field({
      type: TextQuoteSelectorRef,
      nullable: true,
      description: 'The quote in context (exact, prefix, suffix); null when unverified.',
      select: ANCHOR_SELECT,
      resolve: (c) => anchorOf(c),
    }),
    textPositionSelector: t.field({
      type: TextPositionSelectorRef,
      nullable: true,
      description: 'The quote’s offsets in the source’s full text, to highlight it; null when unverified.',
      select: ANCHOR_SELECT,
      resolve: (c) => anchorOf(c),
    }),
    claimField: t.exposeString('claimField', { nullable: true }),
    claimValue: t.exposeString('claimValue', { nullable: true }),
    event: t.relation('event', { nullable: true }),
    participation: t.relation('participation', { nullable: true }),
    agreement: t.relation('agreement', { nullable: true }),
    agreementParty: t.relation('agreementParty', { nullable: true }),
    remark: t.relation('remark', { nullable: true }),
    position: t.relation('position', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  sources: t.prismaConnection(
    {
      ...rootRecordPage,
      type: 'Source',
      description: 'Sources, most recently published first.',
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.source.findMany({
          ...query,
          where: liveWhere.Source,
          orderBy: [{ publishedDate: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
        }),
      totalCount: (_root, _args, ctx) => ctx.prisma.source.count({ where: liveWhere.Source }),
    },
    { description: 'A page of sources.' },
    { description: 'A source and its cursor.' },
  ),
  source: t.prismaField(recordBySlug('Source')),
}));
