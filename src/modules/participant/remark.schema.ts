// Remarks: what participants said, when, in which capacity, to whom, at which event.
import { liveWhere } from '../../core/db/models.js';
import { builder } from '../../core/graphql/builder.js';
import { rootRecordPage } from '../../core/graphql/record-fields.js';
import { recordNode } from '../../core/graphql/record-node.js';
import { FuzzyDateInput } from '../../core/graphql/fuzzy-date.js';
import { fuzzyDateField } from '../../core/graphql/fuzzy-date-field.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { dateColumns, field, recordInput } from '../../core/write/input-fields.js';
import { fuzzyDate, globalId, noDuplicates, slug, text } from '../../core/write/validation.js';
import { z } from 'zod';

/** A country (upper-case ISO 3166-1 alpha-2 code, e.g. CN) or a region by name ("South China Sea"). */
const topic = text(LIMITS.remarkTopics.maxChars).refine(
  (t) => !/^[A-Za-z]{2}$/.test(t) || /^[A-Z]{2}$/.test(t),
  'a country is its upper-case ISO code, e.g. CN',
);

/** A remark's own fields as writes take them: create and update inputs, validation, row. */
export const remarkInput = recordInput('Remark', {
  slug: field.optional(
    'String',
    slug,
    'Stable identifier, unique among remarks; made from the speaker, words and date when omitted.',
  ),
  speakerId: field.required('ID', globalId('Participant'), 'Who said it.'),
  speakerPositionId: field.nullable(
    'ID',
    globalId('Position'),
    'The office the speaker spoke in (one of the speaker’s positions), if the source says.',
  ),
  content: field.required(
    'String',
    text(LIMITS.remarkContent.maxChars),
    'The words: verbatim when isDirectQuote, else as the source paraphrases them.',
  ),
  isDirectQuote: field.required('Boolean', 'Whether content is the speaker’s own words.'),
  said: field.nullable(FuzzyDateInput, fuzzyDate, 'When it was said.', { row: dateColumns('said') }),
  audience: field.nullable('String', text(LIMITS.remarkAudience.maxChars)),
  addresseeId: field.nullable('ID', globalId('Participant'), 'The participant it was addressed to.'),
  eventId: field.nullable('ID', globalId('Event'), 'The event at which it was said.'),
  topics: field.optional(
    ['String'],
    z
      .array(topic)
      .max(LIMITS.remarkTopics.maxItems)
      .superRefine((list, ctx) => noDuplicates(list, (t) => t, ctx, 'topic')),
    'Countries (upper-case ISO codes) or regions ("South China Sea") it is about.',
    {
      updateDescription:
        'Countries (upper-case ISO codes) or regions ("South China Sea") it is about. Replaces the list.',
    },
  ),
});

recordNode('Remark', (t) => ({
  content: t.exposeString('content'),
  isDirectQuote: t.exposeBoolean('isDirectQuote'),
  said: t.field(fuzzyDateField('said', 'When it was said.')),
  speaker: t.relation('speaker'),
  speakerPosition: t.relation('speakerPosition', { nullable: true }),
  audience: t.exposeString('audience', { nullable: true }),
  addressee: t.relation('addressee', { nullable: true }),
  event: t.relation('event', { nullable: true }),
  topics: t.exposeStringList('topics'),
}));

builder.queryField('remarks', (t) =>
  t.prismaConnection(
    {
      ...rootRecordPage,
      type: 'Remark',
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
