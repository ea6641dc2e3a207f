// Source mutations (create, update, delete, restore) and citation mutations (add one to a claim, remove
// one from it).
import { EDIT } from '../../core/auth/access.js';
import { builder } from '../../core/graphql/builder.js';
import type { RequestContext } from '../../core/graphql/context.js';
import { FuzzyDateInput } from '../../core/graphql/fuzzy-date.js';
import { SourceKindEnum } from '../../core/graphql/enums.js';
import {
  IDEMPOTENCY_KEY_ARG,
  mutate,
  replayedField,
  type WritePayload,
  softDeleteMutations,
} from '../../core/write/mutation-support.js';
import { parseInput } from '../../core/write/validation.js';
import { runWrite, type WriteScope } from '../../core/write/write-transaction.js';
import {
  addCitation,
  addCitationSchema,
  removeCitation,
  removeCitationSchema,
  type CitationWriteResult,
} from './citation.writes.js';
import { CitationInput, CreateSourceInput } from './source.inputs.js';
import {
  createSource,
  newSourceSchema,
  setSourceDeleted,
  updateSource,
  updateSourceSchema,
} from './source.writes.js';

const SourcePayload = builder.objectRef<WritePayload>('SourcePayload').implement({
  description: 'The source a mutation wrote, as it is now.',
  fields: (t) => ({
    source: t.prismaField({
      type: 'Source',
      description: 'The source (deleted sources are still returned here).',
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.source.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

type CitationPayloadShape = CitationWriteResult & { replayed: boolean };

const CitationPayload = builder.objectRef<CitationPayloadShape>('CitationPayload').implement({
  description: 'A citation a mutation added or removed, and the claim it backs.',
  fields: (t) => ({
    citation: t.prismaField({
      type: 'Citation',
      nullable: true,
      description: 'The citation added; null after removeCitation (the citation is gone).',
      resolve: (query, payload, _args, ctx) =>
        payload.citationId
          ? ctx.prisma.citation.findUnique({ ...query, where: { id: payload.citationId } })
          : null,
    }),
    claim: t.node({
      description:
        'The claim the citation backs (or backed): an Event, Participation, Agreement, AgreementParty, Remark or ' +
        'Position, with its citations as they are now.',
      id: (payload) => ({ type: payload.claimType, id: payload.claimId }),
    }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

async function citationWrite(
  ctx: RequestContext,
  operation: string,
  args: { input: unknown; idempotencyKey?: string | null | undefined },
  work: (scope: WriteScope) => Promise<CitationWriteResult>,
): Promise<CitationPayloadShape> {
  const outcome = await runWrite(
    ctx,
    { operation, args: args.input, idempotencyKey: args.idempotencyKey },
    work,
  );
  return { ...outcome.result, replayed: outcome.replayed };
}

const UpdateSourceInput = builder.inputType('UpdateSourceInput', {
  description: 'Changes to a source: only the fields given change; null clears an optional field.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The source.' }),
    version: t.int({
      required: true,
      description: 'The version you read; a stale one is refused with CONFLICT.',
    }),
    slug: t.string({ required: false, description: 'Stable identifier, unique among sources.' }),
    kind: t.field({ type: SourceKindEnum, required: false, description: 'What kind of source.' }),
    title: t.string({ required: false, description: 'Headline or title.' }),
    publisher: t.string({ required: false, description: 'Who published it.' }),
    authors: t.stringList({ required: false, description: 'Bylines (replaces the list).' }),
    url: t.field({
      type: 'URL',
      required: false,
      description: 'Where it can be read; unique across sources.',
    }),
    published: t.field({ type: FuzzyDateInput, required: false, description: 'When it was published.' }),
    fullText: t.string({ required: false, description: 'The full text, for quoting and search.' }),
    attributions: t.stringList({
      required: false,
      description: 'Credits the source gives (replaces the list).',
    }),
    embeddedInId: t.id({ required: false, description: 'For an embedded post: the article it appears in.' }),
  }),
});

const AddCitationInput = builder.inputType('AddCitationInput', {
  description: 'A new citation for an existing claim.',
  fields: (t) => ({
    targetId: t.id({
      required: true,
      description:
        'The claim: the id of an Event, Participation, Agreement, AgreementParty, Remark or Position.',
    }),
    citation: t.field({ type: CitationInput, required: true, description: 'The source and quote.' }),
  }),
});

const RemoveCitationInput = builder.inputType('RemoveCitationInput', {
  description: 'Removes one citation from its claim; the last citation of a claim cannot be removed.',
  fields: (t) => ({
    citationId: t.id({ required: true, description: 'The citation.' }),
  }),
});

builder.mutationFields((t) => ({
  createSource: t.field({
    type: SourcePayload,
    authScopes: EDIT,
    description:
      'Adds a source, to cite by id afterwards. A URL another source has is refused with CONFLICT.',
    args: {
      input: t.arg({ type: CreateSourceInput, required: true, description: 'The new source.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(newSourceSchema, args.input);
      return mutate(ctx, 'createSource', args, (scope) => createSource(scope, input, 'input'));
    },
  }),
  updateSource: t.field({
    type: SourcePayload,
    authScopes: EDIT,
    description: 'Changes a source, if nobody changed it since you read `version`.',
    args: {
      input: t.arg({ type: UpdateSourceInput, required: true, description: 'The changes.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(updateSourceSchema, args.input);
      return mutate(ctx, 'updateSource', args, (scope) => updateSource(scope, input));
    },
  }),
  addCitation: t.field({
    type: CitationPayload,
    authScopes: EDIT,
    description: 'Adds a citation (an existing or new source, and a verbatim quote) to an existing claim.',
    args: {
      input: t.arg({ type: AddCitationInput, required: true, description: 'The claim and the citation.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(addCitationSchema, args.input);
      return citationWrite(ctx, 'addCitation', args, (scope) => addCitation(scope, input));
    },
  }),
  removeCitation: t.field({
    type: CitationPayload,
    authScopes: EDIT,
    description:
      'Removes a citation from its claim. The last citation of a claim is refused with BAD_USER_INPUT: add ' +
      'another first, or delete the claim.',
    args: {
      input: t.arg({ type: RemoveCitationInput, required: true, description: 'The citation to remove.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(removeCitationSchema, args.input);
      return citationWrite(ctx, 'removeCitation', args, (scope) => removeCitation(scope, input.citationId));
    },
  }),
}));

softDeleteMutations({
  typename: 'Source',
  payload: SourcePayload,
  setDeleted: setSourceDeleted,
  deleteDescription:
    'Hides a source from every read (soft delete); `restoreSource` brings it back. Refused with CONFLICT while ' +
    'live claims cite it or live posts are embedded in it.',
  restoreDescription:
    'Brings back a deleted source (refused while the article it is embedded in is deleted).',
  inputDescription: 'The source and its version.',
});
