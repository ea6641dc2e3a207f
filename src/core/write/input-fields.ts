// One declaration per input field of a record: its GraphQL type and description (by default the doc
// comment of the column of its name in schema.prisma, as on the node), its validation (zod,
// as src/write/validation.ts spells the rules), whether a create needs it or null may clear it, and the
// column(s) it writes. From it come the create and update input types' fields, the create and update
// zod schemas (an update is the create with every field optional) and the row a write sends to Prisma,
// so a new column with an input is one entry.
//
// The validation stays a zod schema run by `parseInput` inside the write pipeline rather than a Pothos
// validation plugin: the same schemas check the JSONL/CSV import, which has no GraphQL, and the pipeline
// keeps its order (authorise, then validate, then claim the idempotency key) in one place.
import type { InputFieldBuilder, InputFieldRef, InputTypeParam, SchemaTypes } from '@pothos/core';
import { z } from 'zod';
import { MODELS, type ModelName } from '../db/models.js';
import { builder } from '../graphql/builder.js';
import { getDatamodel } from '../../generated/pothos-types.js';
import { httpUrl, text } from './validation.js';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : SchemaTypes;

/**
 * `required`: a create must give it, an update may not clear it; `optional`: a create may omit it (the
 * column's default, or what the write makes, e.g. a slug), null is refused; `nullable`: null (or
 * omission, on create) leaves the column empty, and on update clears it.
 */
export type Presence = 'required' | 'optional' | 'nullable';

export interface FieldDeclaration<Z extends z.ZodType = z.ZodType, P extends Presence = Presence> {
  presence: P;
  type: InputTypeParam<BuilderTypes>;
  /** By default, that of the model's column of the same name (see `recordInput`). */
  description?: string;
  /** The description on the update input, when it says more (e.g. that a list is replaced). */
  updateDescription?: string;
  /** The rule for a given (non-null) value. */
  zod: Z;
  /**
   * The columns a given value (null when cleared) writes; by default the column of the field's name;
   * `false` for a field the write uses otherwise (a claim's citations, an event's participants).
   */
  row?: ((value: z.output<Z> | null) => Record<string, unknown>) | false;
}

/** The rule of a scalar whose GraphQL type already says what it is (no rule needs giving for these). */
const SCALAR_RULES = { URL: httpUrl, Boolean: z.boolean(), DateTime: z.date() };
type RuledScalar = keyof typeof SCALAR_RULES;
type More<Z extends z.ZodType> = Pick<FieldDeclaration<Z>, 'updateDescription' | 'row'>;

/**
 * Declares an input field: `field.required('String', text(300), 'Short title.')`, or for a scalar with
 * a rule of its own, `field.nullable('URL')`. Without a description, the field is described as the
 * model's column of its name is (see `recordInput`).
 */
function declare<P extends Presence>(presence: P) {
  function declaration<S extends RuledScalar>(
    type: S,
    description?: string,
    more?: More<(typeof SCALAR_RULES)[S]>,
  ): FieldDeclaration<(typeof SCALAR_RULES)[S], P>;
  function declaration<Z extends z.ZodType>(
    type: InputTypeParam<BuilderTypes>,
    zod: Z,
    description?: string,
    more?: More<Z>,
  ): FieldDeclaration<Z, P>;
  function declaration(
    type: InputTypeParam<BuilderTypes>,
    ...rest: [string?, More<z.ZodType>?] | [z.ZodType, string?, More<z.ZodType>?]
  ): FieldDeclaration {
    if (!(rest[0] instanceof z.ZodType)) {
      const [description, more] = rest as [string?, More<z.ZodType>?];
      const zod = SCALAR_RULES[type as RuledScalar] as z.ZodType;
      return { presence, type, zod, description, ...more };
    }
    const [zod, description, more] = rest as [z.ZodType, string?, More<z.ZodType>?];
    return { presence, type, zod, description, ...more };
  }
  return declaration;
}
export const field = {
  required: declare('required'),
  optional: declare('optional'),
  nullable: declare('nullable'),
};

/** An optional list of texts within `bound` (a record's aliases, a source's bylines); an update replaces it. */
export const textListField = (bound: { maxItems: number; maxChars: number }, description: string) =>
  field.optional(['String'], z.array(text(bound.maxChars)).max(bound.maxItems), description, {
    updateDescription: `${description.replace(/\.$/, '')} (replaces the list).`,
  });

type Declarations = Record<string, FieldDeclaration>;
type CreateRule<D extends FieldDeclaration> =
  D extends FieldDeclaration<infer Z, infer P>
    ? P extends 'required'
      ? Z
      : P extends 'nullable'
        ? z.ZodOptional<z.ZodNullable<Z>>
        : z.ZodOptional<Z>
    : never;
type UpdateRule<D extends FieldDeclaration> =
  D extends FieldDeclaration<infer Z, infer P>
    ? P extends 'nullable'
      ? z.ZodOptional<z.ZodNullable<Z>>
      : z.ZodOptional<Z>
    : never;
export type CreateShape<F extends Declarations> = { [K in keyof F]: CreateRule<F[K]> };
export type UpdateShape<F extends Declarations> = { [K in keyof F]: UpdateRule<F[K]> };

export interface RecordInput<F extends Declarations> {
  readonly declarations: F;
  /** The GraphQL input fields, for a create input or an update input. */
  graphql(
    t: InputFieldBuilder<BuilderTypes, 'InputObject'>,
    mode: 'create' | 'update',
  ): Record<keyof F, InputFieldRef<BuilderTypes, unknown>>;
  /** The zod shapes of a create and of an update (spread into the input's z.object). */
  readonly createShape: CreateShape<F>;
  readonly updateShape: UpdateShape<F>;
  /** The Prisma data for the fields given (absent fields are left out: unchanged, or the default). */
  row(input: { [K in keyof F]?: unknown }): Record<string, unknown>;
}

/** The doc comment of `model`'s field `name` in schema.prisma, if it has one. */
function columnDoc(model: ModelName, name: string): string | undefined {
  const models = getDatamodel().datamodel.models as Record<
    string,
    { fields: readonly { name: string; documentation?: string }[] }
  >;
  return models[model]?.fields.find((f) => f.name === name)?.documentation;
}

/**
 * The inputs of a record (`model`'s own fields) or of another input, from their declarations. A field
 * declared without a description takes that of the model's column of its name: a column is described
 * once, where schema.prisma declares it, for the node and the inputs alike.
 */
export function recordInput<F extends Declarations>(model: ModelName, declarations: F): RecordInput<F>;
export function recordInput<F extends Declarations>(declarations: F): RecordInput<F>;
export function recordInput<F extends Declarations>(...args: [ModelName, F] | [F]): RecordInput<F> {
  const [model, declared] = args.length === 2 ? args : [undefined, args[0]];
  const entries = Object.entries(declared).map(([name, d]): [string, FieldDeclaration] => {
    const description = d.description ?? (model && columnDoc(model, name));
    if (!description) throw new Error(`input field ${name}: give a description, or document its column`);
    return [name, { ...d, description }];
  });
  const declarations = Object.fromEntries(entries) as F;
  const rule = (d: FieldDeclaration, mode: 'create' | 'update') =>
    mode === 'create' && d.presence === 'required'
      ? d.zod
      : d.presence === 'nullable'
        ? d.zod.nullish()
        : d.zod.optional();
  const shape = (mode: 'create' | 'update') =>
    Object.fromEntries(entries.map(([name, d]) => [name, rule(d, mode)]));
  return {
    declarations,
    graphql: (t, mode) =>
      Object.fromEntries(
        entries.map(([name, d]) => [
          name,
          t.field({
            type: d.type,
            required: mode === 'create' && d.presence === 'required',
            description: mode === 'update' ? (d.updateDescription ?? d.description) : d.description,
          }),
        ]),
      ) as Record<keyof F, InputFieldRef<BuilderTypes, unknown>>,
    createShape: shape('create') as CreateShape<F>,
    updateShape: shape('update') as UpdateShape<F>,
    row: (input) => {
      const data: Record<string, unknown> = {};
      for (const [name, d] of entries) {
        const value = (input as Record<string, unknown>)[name];
        if (value === undefined || d.row === false) continue;
        Object.assign(data, d.row ? d.row(value as never) : { [name]: value });
      }
      return data;
    },
  };
}

/** The row of a fuzzy date (`said` → `saidDate`, `saidPrecision`); null clears both. */
export const dateColumns =
  (prefix: string) =>
  (value: { date: Date; precision: string } | null): Record<string, unknown> => ({
    [`${prefix}Date`]: value?.date ?? null,
    [`${prefix}Precision`]: value?.precision ?? null,
  });

const inputType = <F extends Declarations>(name: string, description: string, input: RecordInput<F>) =>
  builder.inputType(name, { description, fields: (t) => input.graphql(t, 'create') });

/** `Create<Model>Input`, from the fields a create of the record takes. */
export const createInputType = <F extends Declarations>(
  model: ModelName,
  description: string,
  input: RecordInput<F>,
) => inputType(`Create${model}Input`, description, input);

/**
 * An input that is not a record's own fields (a link to add, a record to remove): its GraphQL type and
 * its zod object, from one set of declarations.
 */
export function inputObject<F extends Declarations>(name: string, description: string, declarations: F) {
  const input = recordInput(declarations);
  return { ref: inputType(name, description, input), schema: z.object(input.createShape) };
}

/** `Update<Model>Input`: the record's id and the version read, then the fields an update may change. */
export const updateInputType = <F extends Declarations>(
  model: ModelName,
  input: RecordInput<F>,
  note = '',
) => {
  const { label } = MODELS[model];
  return builder.inputType(`Update${model}Input`, {
    description: `Changes to ${withArticle(label)}: only the fields given change; null clears an optional field.${note && ` ${note}`}`,
    fields: (t) => ({ ...versionFields(t, `The ${label}.`), ...input.graphql(t, 'update') }),
  });
};

/** "an event", "a source". */
export const withArticle = (label: string) => `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;

/** The `id` and `version` every update, delete and restore input starts with. */
export const versionFields = (t: InputFieldBuilder<BuilderTypes, 'InputObject'>, idDescription: string) => ({
  id: t.id({ required: true, description: idDescription }),
  version: t.int({
    required: true,
    description: 'The version you read; a stale one is refused with CONFLICT.',
  }),
});
