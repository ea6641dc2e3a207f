// Source input fields, and the GraphQL input types for sources and citations, shared by every mutation
// that cites.
import { builder } from '../../core/graphql/builder.js';
import { describedEnum, SourceKindEnum } from '../../core/graphql/enums.js';
import { FuzzyDateInput } from '../../core/graphql/fuzzy-date.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import {
  createInputType,
  dateColumns,
  field,
  recordInput,
  textListField,
} from '../../core/write/input-fields.js';
import { fuzzyDate, globalId, slug, text } from '../../core/write/validation.js';
import { SourceKind } from '../../generated/prisma/enums.js';
import { z } from 'zod';

const fullText = z
  .string()
  .max(LIMITS.sourceFullText.maxChars, `must be at most ${LIMITS.sourceFullText.maxChars} characters`);

/** A source's own fields as writes take them: create and update inputs, validation, row. */
export const sourceInput = recordInput('Source', {
  slug: field.optional('String', slug, 'Stable identifier; made from the title when omitted.', {
    updateDescription: 'Stable identifier, unique among sources.',
  }),
  kind: field.required(SourceKindEnum, z.enum(SourceKind)),
  title: field.required('String', text(LIMITS.sourceTitle.maxChars), 'Headline or title.'),
  publisher: field.nullable('String', text(LIMITS.publisher.maxChars), 'Who published it.'),
  authors: textListField(LIMITS.authors, 'Bylines.'),
  url: field.nullable('URL', 'Where it can be read; unique across sources.'),
  published: field.nullable(FuzzyDateInput, fuzzyDate, 'When it was published.', {
    row: dateColumns('published'),
  }),
  fullText: field.nullable('String', fullText, 'The full text, for quoting and search.'),
  attributions: textListField(LIMITS.attributions, 'Credits the source gives.'),
  embeddedInId: field.nullable('ID', globalId('Source'), 'For an embedded post: the article it appears in.'),
});

export const CreateSourceInput = createInputType(
  'Source',
  'A new source: an article, post or statement.',
  sourceInput,
);

export const CitationInput = builder.inputType('CitationInput', {
  description:
    'A source and the verbatim quote from it that supports a claim. Give an existing source (sourceId) or a new one (source).',
  fields: (t) => ({
    sourceId: t.id({ required: false, description: 'An existing source.' }),
    source: t.field({
      type: CreateSourceInput,
      required: false,
      description: 'A new source, created with the claim.',
    }),
    quote: t.string({
      required: true,
      description: 'The words of the source that support the claim, verbatim.',
    }),
    claimField: t.string({
      required: false,
      description: 'The single attribute this quote vouches for (e.g. signedDate), when sources disagree.',
    }),
    claimValue: t.string({ required: false, description: 'The value the quote gives that attribute.' }),
  }),
});

export const BasisEnum = describedEnum('Basis', 'How the log knows a value.', {
  STATED: 'A cited quote states it.',
  INFERRED: 'Inferred from cited quotes; the note gives the reasoning (e.g. "end = start + 3 days").',
  OUTSIDE_KNOWLEDGE: 'Known from outside the sources; the note says what is known, the reference where from.',
});

export const ValueBasisInput = builder.inputType('ValueBasisInput', {
  description:
    'The basis of one value of the claim being written. Dates, places and an agreement’s signing event ' +
    'need one unless a citation pins the value (claimField, claimValue); the other values are stated by ' +
    'the claim’s citations unless an entry says otherwise.',
  fields: (t) => ({
    field: t.string({
      required: true,
      description:
        'The attribute (events: kind, startDate, endDate, placeName, placeCountry; participations: role; ' +
        'agreements: status, signedDate, signingEvent; parties: party; remarks: speaker, content, saidDate; ' +
        'positions: title, startDate, endDate).',
    }),
    basis: t.field({ type: BasisEnum, required: true, description: 'How the value is known.' }),
    note: t.string({
      required: false,
      description: 'Required unless STATED: the reasoning of an inference, or what outside knowledge says.',
    }),
    reference: t.string({ required: false, description: 'For outside knowledge: where it can be checked.' }),
    value: t.string({
      required: false,
      description:
        'Only for the basis of another value a source gives (one side of a conflict), as its claimValue; ' +
        'omit for the value the claim holds.',
    }),
  }),
});
