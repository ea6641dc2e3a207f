// GraphQL input types for sources and citations, shared by every mutation that cites.
import { builder } from '../graphql/builder.js';
import { SourceKindEnum } from '../graphql/enums.js';
import { FuzzyDateInput } from '../graphql/fuzzy-date.js';

export const CreateSourceInput = builder.inputType('CreateSourceInput', {
  description: 'A new source: an article, post or statement.',
  fields: (t) => ({
    slug: t.string({ required: false, description: 'Stable identifier; made from the title when omitted.' }),
    kind: t.field({ type: SourceKindEnum, required: true, description: 'What kind of source.' }),
    title: t.string({ required: true, description: 'Headline or title.' }),
    publisher: t.string({ required: false, description: 'Who published it.' }),
    authors: t.stringList({ required: false, description: 'Bylines.' }),
    url: t.field({
      type: 'URL',
      required: false,
      description: 'Where it can be read; unique across sources.',
    }),
    published: t.field({ type: FuzzyDateInput, required: false, description: 'When it was published.' }),
    fullText: t.string({ required: false, description: 'The full text, for quoting and search.' }),
    attributions: t.stringList({ required: false, description: 'Credits the source gives.' }),
    embeddedInId: t.id({ required: false, description: 'For an embedded post: the article it appears in.' }),
  }),
});

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
