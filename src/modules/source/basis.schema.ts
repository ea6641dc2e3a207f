// The basis of values in the API: the Basis enum, the ValueBasis type every claim serves as `basis`, the
// input that write mutations take, the setValueBasis mutation and the valueBases list.
import { z } from 'zod';
import { READ } from '../../core/auth/access.js';
import { builder } from '../../core/graphql/builder.js';
import type { FieldBuilderOf } from '../../core/graphql/field-builder.js';
import { recordsById, selectionOf } from '../../core/graphql/record-loaders.js';
import { Basis } from '../../generated/prisma/enums.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import { resultPayload, writeMutation } from '../../core/write/mutation-support.js';
import { anyGlobalId } from '../../core/write/validation.js';
import { BasisEnum } from './source.inputs.js';
import { CLAIM_TYPES, type ClaimType } from './citation.writes.js';
import { ofLiveClaim } from './live-citations.js';
import { valuesOf, valuesSelect } from './claim-values.js';
import {
  BASIS_FIELDS,
  BASIS_TARGET,
  PINNED_FIELDS,
  basesOf,
  basisInputSchema,
  checkBases,
  heldValues,
  type BasisRow,
  type ValueBasisView,
} from './basis.js';

/** The kinds of claim, for the descriptions: "Event, Participation, … or Position". */
const CLAIMS_NAMED = `${CLAIM_TYPES.slice(0, -1).join(', ')} or ${CLAIM_TYPES.at(-1)}`;
/** Every attribute that can have a basis, for the descriptions. */
const ATTRIBUTES = [...new Set(Object.values(BASIS_FIELDS).flat())].join(', ');

/** The texts a basis may carry beyond how it is known, each null where there is none. */
const BASIS_TEXTS = {
  note: 'For an inferred value, the reasoning; for outside knowledge, what is known.',
  reference: 'For outside knowledge: where it can be checked, when there is such a reference.',
} as const;

/** What a served basis and a recorded one both say: which value, how it is known, and its texts. */
const basisEntryFields = <Entry extends Omit<BasisRow, 'value'>>(t: FieldBuilderOf<Entry>) => ({
  field: t.string({ description: `The attribute: ${ATTRIBUTES}.`, resolve: (b) => b.field }),
  basis: t.field({ type: BasisEnum, description: 'How it is known.', resolve: (b) => b.basis }),
  ...Object.fromEntries(
    Object.entries(BASIS_TEXTS).map(([name, description]) => [
      name,
      t.string({ nullable: true, description, resolve: (b) => b[name as keyof typeof BASIS_TEXTS] }),
    ]),
  ),
});

export const ValueBasisRef = builder.objectRef<ValueBasisView>('ValueBasis').implement({
  description:
    'How the log knows one value of a claim: stated by a quote, inferred from quotes (with the reasoning), ' +
    'or outside knowledge (with a note and a reference).',
  fields: (t) => ({
    ...basisEntryFields(t),
    value: t.exposeString('value', {
      description: 'The value, as citations’ claimValue spells it (dates YYYY-MM-DD, records by slug).',
    }),
    citations: t.prismaField({
      type: ['Citation'],
      description:
        'The citations that state the value, or that it is inferred from (none for outside knowledge alone).',
      // By id, as PostgreSQL orders uuids (their lowercase text sorts the same way).
      resolve: (query, b, _args, ctx) =>
        recordsById(ctx, 'Citation').loadMany([...new Set(b.citationIds)].sort(), selectionOf(query)),
    }),
  }),
});

/** What each claim's `basis` field reads besides the claim's values. */
const BASIS_SELECT = {
  bases: { select: { field: true, value: true, basis: true, note: true, reference: true } },
  citations: { select: { id: true, claimField: true, claimValue: true } },
} as const;
const BASIS_DESCRIPTION =
  'How the log knows each value of this claim: stated by a quote, inferred (with the reasoning) or ' +
  'outside knowledge. One entry per value the claim holds.';

// One `basis` field per kind of claim, reading the claim's values (claim-values.ts) with its bases and
// citations in the claim's own query.
for (const type of CLAIM_TYPES)
  builder.prismaObjectField(type, 'basis', (t) =>
    t.field({
      type: [ValueBasisRef],
      description: BASIS_DESCRIPTION,
      select: { ...valuesSelect(type), ...BASIS_SELECT },
      resolve: (claim) => basesOf(valuesOf(type, claim), claim.bases, claim.citations),
    }),
  );

// ---------------------------------------------------------------------------------------------------
// Listing values that are not simply stated
// ---------------------------------------------------------------------------------------------------

interface RecordedBasis {
  id: string;
  claimType: ClaimType;
  claimId: string;
  field: string;
  value: string | null;
  basis: Basis;
  note: string | null;
  reference: string | null;
}

const RecordedBasisRef = builder.objectRef<RecordedBasis>('RecordedBasis').implement({
  description:
    'A recorded basis: a value of a claim that is inferred, outside knowledge or explicitly stated.',
  fields: (t) => ({
    claim: t.node({
      description: `The claim (${CLAIMS_NAMED}).`,
      id: (b) => ({ type: b.claimType, id: b.claimId }),
    }),
    ...basisEntryFields(t),
    value: t.exposeString('value', {
      nullable: true,
      description: 'Null for the value the claim holds; else another value a source gives (a conflict side).',
    }),
  }),
});

const claimOfRow = (row: Record<string, unknown>): { claimType: ClaimType; claimId: string } => {
  for (const type of CLAIM_TYPES) {
    const id = row[BASIS_TARGET[type]];
    if (typeof id === 'string') return { claimType: type, claimId: id };
  }
  throw new Error('value_basis row with no target'); // impossible: a check constraint forbids it
};

builder.queryField('valueBases', (t) =>
  t.field({
    authScopes: READ,
    type: [RecordedBasisRef],
    description:
      'Every recorded basis of values of live claims (by default those not plainly stated: inferred and ' +
      'outside knowledge), oldest first, at most 500.',
    args: {
      bases: t.arg({
        type: [BasisEnum],
        required: false,
        description: 'Only these bases (default INFERRED and OUTSIDE_KNOWLEDGE).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const rows = await ctx.prisma.valueBasis.findMany({
        where: {
          basis: { in: args.bases?.length ? args.bases : ['INFERRED', 'OUTSIDE_KNOWLEDGE'] },
          ...ofLiveClaim,
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 500,
      });
      return rows.map((r) => ({ ...r, ...claimOfRow(r) }));
    },
  }),
);

// ---------------------------------------------------------------------------------------------------
// setValueBasis
// ---------------------------------------------------------------------------------------------------

const setValueBasisSchema = z.object({ targetId: anyGlobalId(CLAIM_TYPES) }).and(basisInputSchema);

const SetValueBasisInput = builder.inputType('SetValueBasisInput', {
  description:
    'Sets how the log knows one value of an existing claim. STATED removes a recorded inference or ' +
    'outside knowledge (the value is then stated by the citations that pin it).',
  fields: (t) => ({
    targetId: t.id({
      required: true,
      description: `The claim: an ${CLAIMS_NAMED}.`,
    }),
    field: t.string({ required: true, description: 'The attribute (see ValueBasisInput.field).' }),
    basis: t.field({ type: BasisEnum, required: true, description: 'How the value is known.' }),
    note: t.string({ required: false, description: 'Required unless STATED.' }),
    reference: t.string({ required: false, description: 'For outside knowledge: where it can be checked.' }),
    value: t.string({
      required: false,
      description: 'Only for another value a source gives (a conflict side); omit for the held value.',
    }),
  }),
});

type SetValueBasisResult = { claimType: ClaimType; claimId: string };

const SetValueBasisPayload = builder
  .objectRef<SetValueBasisResult & { replayed: boolean }>('SetValueBasisPayload')
  .implement({
    description: 'The claim whose value’s basis was set.',
    fields: (t) => ({
      claim: t.node({
        description: 'The claim, with its basis as it is now.',
        id: (p) => ({ type: p.claimType, id: p.claimId }),
      }),
      replayed: t.exposeBoolean('replayed', {
        description: 'True when this answers a retry of an earlier request with the same idempotency key.',
      }),
    }),
  });

writeMutation('setValueBasis', {
  payload: resultPayload(SetValueBasisPayload),
  description:
    'Records how the log knows one value of a claim (inferred, outside knowledge), or clears it back to ' +
    'stated. Audited like every write.',
  input: SetValueBasisInput,
  inputDescription: 'The claim, value and basis.',
  schema: setValueBasisSchema,
  write: async (scope, input) => {
    const claimType = input.targetId.typename as ClaimType;
    const claimId = input.targetId.id;
    const { tx } = scope;
    const values = await heldValues(tx, claimType, claimId);
    if (!values)
      throw apiError(ErrorCode.BAD_USER_INPUT, 'input.targetId: no live claim with this id', {
        field: 'input.targetId',
      });
    const column = BASIS_TARGET[claimType];
    const citations = await tx.citation.findMany({
      where: { [column]: claimId },
      select: { claimField: true, claimValue: true },
    });
    checkBases(claimType, [input], values, citations, 'input');
    // A value that needs a basis is stated only by a quote that pins this value (see PINNED_FIELDS).
    if (
      input.basis === 'STATED' &&
      input.field in PINNED_FIELDS[claimType] &&
      !citations.some(
        (c) => c.claimField === input.field && c.claimValue === (input.value ?? values[input.field]),
      )
    )
      throw apiError(
        ErrorCode.BAD_USER_INPUT,
        `input.basis: no citation of this claim pins ${input.field} with this value (claimValue), ` +
          'so it is not stated: add one with addCitation, or give the basis as INFERRED or OUTSIDE_KNOWLEDGE',
        { field: 'input.basis' },
      );
    const where = { [column]: claimId, field: input.field, value: input.value ?? null };
    const before = await tx.valueBasis.findFirst({ where });
    if (before) await tx.valueBasis.delete({ where: { id: before.id } });
    const after =
      input.basis === 'STATED' && !input.note
        ? null
        : await tx.valueBasis.create({
            data: {
              ...where,
              basis: input.basis,
              note: input.note ?? null,
              reference: input.reference ?? null,
            },
          });
    const entityId = after?.id ?? before?.id;
    if (entityId)
      scope.audit({
        action: after ? (before ? 'UPDATE' : 'CREATE') : 'DELETE',
        entityType: 'ValueBasis',
        entityId,
        ...(before ? { before } : {}),
        ...(after ? { after } : {}),
      });
    return { claimType, claimId };
  },
});

export { BASIS_FIELDS };
