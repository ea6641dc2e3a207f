// Conflicts between sources, exposed as data: each side with its citations.
import { READ } from '../../core/auth/access.js';
import { CLAIM_MODELS, MODELS, type ClaimKind } from '../../core/db/models.js';
import { builder } from '../../core/graphql/builder.js';
import { recordIfAny } from '../../core/graphql/record-loaders.js';
import { CitationRef } from './source.schema.js';
import { ValueBasisRef } from './basis.schema.js';
import { findConflicts, type Conflict, type ConflictingClaim } from './conflicts.data.js';
import { namedEnum } from '../../core/graphql/enums.js';

const ClaimKindEnum = namedEnum(
  'ClaimKind',
  'What kind of claim a citation supports.',
  Object.fromEntries(CLAIM_MODELS.map((m) => [MODELS[m].claim.kind, MODELS[m].claim.description])) as Record<
    ClaimKind,
    string
  >,
);

const ConflictingClaimRef = builder.objectRef<ConflictingClaim>('ConflictingClaim').implement({
  description: 'One side of a conflict: a value and the citations that give it.',
  fields: (t) => ({
    value: t.exposeString('value', {
      description: 'The value these sources give (dates as YYYY-MM-DD, ids as slugs).',
    }),
    // Loaded with their sources by findConflicts, so listing conflicts costs one statement.
    citations: t.expose('citations', {
      type: [CitationRef],
      description: 'The citations giving this value, with their sources and quotes.',
    }),
    basis: t.field({
      type: ValueBasisRef,
      description:
        'How the log knows this side’s value: stated by its quotes, or inferred from them (with the reasoning).',
      resolve: (claim) => claim.basis!,
    }),
    held: t.boolean({
      description: 'True for the value the claim holds (the other sides are kept as cited claims).',
      resolve: (claim) => claim.held ?? false,
    }),
  }),
});

export const ConflictRef = builder.objectRef<Conflict>('Conflict').implement({
  description:
    'An attribute of a claim that sources disagree on. The log keeps every side, each with its source.',
  fields: (t) => ({
    claimKind: t.expose('claimKind', { type: ClaimKindEnum, description: 'What kind of claim is disputed.' }),
    field: t.exposeString('field', { description: 'The disputed attribute, e.g. "signedDate".' }),
    claims: t.expose('claims', {
      type: [ConflictingClaimRef],
      description: 'The competing values, each with the citations that give it.',
    }),
  }),
});

// The disputed record, when the claim is one: `agreement` and `event`.
for (const model of ['Agreement', 'Event'] as const)
  builder.objectField(ConflictRef, model.toLowerCase(), (t) =>
    t.prismaField({
      type: model,
      nullable: true,
      description: `The disputed ${model.toLowerCase()}, when the claim is one.`,
      resolve: (query, c, _args, ctx) =>
        recordIfAny(ctx, model, c.claimKind === MODELS[model].claim.kind ? c.claimId : null, query),
    }),
  );

builder.queryField('conflicts', (t) =>
  t.field({
    authScopes: READ,
    type: [ConflictRef],
    description: 'Every claim the sources disagree on (for example, when two memorandums were signed).',
    resolve: (_root, _args, ctx) => findConflicts(ctx.prisma),
  }),
);
