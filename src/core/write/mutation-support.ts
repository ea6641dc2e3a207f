// One declaration per mutation. `writeMutation` registers a mutation from what is particular to it (its
// name, payload, input type, validation and work); the order every write keeps stands here once:
// authorise (the field's auth scope, checked before the resolver runs) → validate (`parseInput`, naming
// the field at fault) → claim the idempotency key, do the work, audit and announce, commit (`runWrite`)
// → answer. `writePayload` declares the payload of a mutation that returns one record.
import type { InputObjectRef, ObjectRef, SchemaTypes } from '@pothos/core';
import type { z } from 'zod';
import { EDIT } from '../auth/access.js';
import { builder } from '../graphql/builder.js';
import type { RequestContext } from '../graphql/context.js';
import { MODELS, type ModelName, type SoftDeletableModel } from '../db/models.js';
import {
  updateInputType,
  versionFields,
  withArticle,
  type FieldDeclaration,
  type RecordInput,
} from './input-fields.js';
import { setDeleted, type DeletionRules } from './soft-delete.js';
import { parseInput, recordVersion } from './validation.js';
import { runWrite, type JsonObject, type WriteScope } from './write-transaction.js';

builder.mutationType({
  description:
    'Writes (need an API key with the EDITOR role; key management needs ADMIN). Each runs in one transaction, is audited, and accepts an idempotency key for safe retries.',
});

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : SchemaTypes;

/** What a record mutation's payload holds before its field loads the record. */
export interface WritePayload {
  /** The id of the record the payload shows. */
  id: string;
  replayed: boolean;
  /**
   * The record as the write's transaction left it, when the write read it last (never on a replay):
   * a payload whose selection needs nothing else can answer without reading it again.
   */
  row?: object;
}

/** What a record mutation's work returns: the record's id, or the id with the record's final row. */
export type Written = string | { id: string; row: object };

/**
 * A payload type and how a mutation's outcome becomes it: `store` is what the idempotency record keeps
 * (JSON; a retry answers from it), `answer` makes the payload, given what the work returned unless
 * this is a replay.
 */
export interface PayloadDeclaration<W, P> {
  ref: ObjectRef<BuilderTypes, P>;
  store: (written: W) => JsonObject;
  answer: (
    outcome: { stored: JsonObject; replayed: boolean; written?: W },
    ctx: RequestContext,
  ) => P | Promise<P>;
}

export const IDEMPOTENCY_KEY_ARG = {
  required: false,
  description:
    'Any unique string (a UUID is ideal). A retry with the same key and the same input returns the first result and writes nothing more; the same key with other input is refused with CONFLICT. Keys are per API key.',
} as const;

/** The `replayed` field every payload has. */
export const replayedField = {
  description:
    'True when this answers a retry: an earlier request with the same idempotency key did the write.',
} as const;

/**
 * Whether a Pothos-planned Prisma query (`{}`, `{ select }` or `{ include }`) asks for nothing beyond the
 * model's own columns: no relations, no counts. Such a selection can be served from a full row in hand.
 */
export function columnsOnly(query: { select?: object; include?: object }): boolean {
  if (query.include && Object.keys(query.include).length > 0) return false;
  return Object.entries(query.select ?? {}).every(([field, value]) => value === true && field !== '_count');
}

interface UniqueDelegate {
  findUniqueOrThrow(args: object): Promise<object>;
}
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * `<Model>Payload { <field>: <Model>!, replayed: Boolean! }`: the record a mutation wrote, as it is now.
 * A selection of the record's own columns only is answered from the row the write read last in its
 * transaction (every column, as committed), when the write handed it back.
 */
export function writePayload<M extends ModelName>(
  model: M,
  options: { fieldDescription?: string } = {},
): PayloadDeclaration<Written, WritePayload> {
  const label = MODELS[model].label;
  const ref = builder.objectRef<WritePayload>(`${model}Payload`).implement({
    description: `The ${label} a mutation wrote, as it is now.`,
    fields: (t) => ({
      [lowerFirst(model)]: t.prismaField({
        type: model as 'Event',
        description: options.fieldDescription ?? `The ${label} (deleted ${label}s are still returned here).`,
        resolve: (query, payload, _args, ctx) =>
          (payload.row && columnsOnly(query)
            ? payload.row
            : (ctx.prisma[lowerFirst(model) as 'event'] as unknown as UniqueDelegate).findUniqueOrThrow({
                ...query,
                where: { id: payload.id },
              })) as never,
      }),
      replayed: t.exposeBoolean('replayed', replayedField),
    }),
  });
  return {
    ref,
    store: (written) => ({ id: typeof written === 'string' ? written : written.id }),
    answer: ({ stored, replayed, written }) => {
      const payload: WritePayload = { id: stored.id as string, replayed };
      if (written && typeof written !== 'string') payload.row = written.row;
      return payload;
    },
  };
}

/**
 * A payload built from the write's result itself (a small JSON object, kept for replays) plus
 * `replayed`, for mutations whose answer is not one record (a citation and its claim, a value's basis).
 */
export function resultPayload<R extends JsonObject>(
  ref: ObjectRef<BuilderTypes, R & { replayed: boolean }>,
): PayloadDeclaration<R, R & { replayed: boolean }> {
  return {
    ref,
    store: (written) => ({ ...written }),
    answer: ({ stored, replayed }) => ({ ...(stored as R), replayed }),
  };
}

export interface MutationDeclaration<S extends z.ZodType, W, P> {
  payload: PayloadDeclaration<W, P>;
  description: string;
  /** The `input` argument's type and description. */
  input: InputObjectRef<BuilderTypes, unknown>;
  inputDescription: string;
  /** What `input` must satisfy beyond its GraphQL type (src/write/validation.ts). */
  schema: S;
  /** The work, inside the write's transaction. */
  write: (scope: WriteScope, input: z.output<S>) => Promise<W>;
  /** Who may call it (default: EDITOR keys). */
  authScopes?: typeof EDIT | { admin: true };
}

/** Registers the mutation `name(input, idempotencyKey)` (see the top of this file for its order). */
export function writeMutation<S extends z.ZodType, W, P>(
  name: string,
  declaration: MutationDeclaration<S, W, P>,
): void {
  const { payload, schema, write } = declaration;
  const run = async (
    ctx: RequestContext,
    args: { input?: unknown; idempotencyKey?: string | null | undefined },
  ): Promise<P> => {
    const input = parseInput(schema, args.input);
    let written: W | undefined;
    const outcome = await runWrite(
      ctx,
      { operation: name, args: args.input, idempotencyKey: args.idempotencyKey },
      async (scope) => {
        written = await write(scope, input);
        return payload.store(written);
      },
    );
    return payload.answer(
      outcome.replayed
        ? { stored: outcome.result, replayed: true }
        : { stored: outcome.result, replayed: false, written },
      ctx,
    );
  };
  builder.mutationField(name, (t) =>
    t.field({
      type: payload.ref,
      authScopes: declaration.authScopes ?? EDIT,
      description: declaration.description,
      args: {
        input: t.arg({ type: declaration.input, required: true, description: declaration.inputDescription }),
        idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
      },
      // Pothos cannot follow a payload type given as a type parameter; `run` returns P.
      resolve: (_root, args, ctx) => run(ctx, args) as never,
    }),
  );
}

export const RecordVersionInput = builder.inputType('RecordVersionInput', {
  description: 'Names a record and the version you read, for deletes and restores.',
  fields: (t) => versionFields(t, 'The record’s global id.'),
});

/** A create or update of a record: its input, what that input must satisfy, and the work. */
interface RecordWrite<S extends z.ZodType> {
  schema: S;
  write: (scope: WriteScope, input: z.output<S>) => Promise<Written>;
}

/**
 * Registers a soft-deletable record's own mutations, each answering with its payload: `create<Model>`,
 * `update<Model>` (its input is the record's id and version and the fields `update.input` declares,
 * `note` saying what changes elsewhere), and `delete<Model>` / `restore<Model>`, which differ by record
 * only in its `deletion` rules and their descriptions. Returns the payload for the record's other
 * mutations.
 */
export function recordMutations<M extends SoftDeletableModel, C extends z.ZodType, U extends z.ZodType>(
  model: M,
  declaration: {
    payload?: PayloadDeclaration<Written, WritePayload>;
    create: RecordWrite<C> & { description: string; input: InputObjectRef<BuilderTypes, unknown> };
    update: RecordWrite<U> & { input: RecordInput<Record<string, FieldDeclaration>>; note?: string };
    deletion: DeletionRules<M>;
    deleteDescription: string;
    restoreDescription: string;
  },
): PayloadDeclaration<Written, WritePayload> {
  const { create, update, deletion } = declaration;
  const label = MODELS[model].label;
  const payload = declaration.payload ?? writePayload(model);
  writeMutation(`create${model}`, { payload, inputDescription: `The new ${label}.`, ...create });
  writeMutation(`update${model}`, {
    payload,
    description: `Changes ${withArticle(label)}, if nobody changed it since you read \`version\`.`,
    input: updateInputType(model, update.input, update.note),
    inputDescription: 'The changes.',
    schema: update.schema,
    write: update.write,
  });
  for (const deleted of [true, false])
    writeMutation(`${deleted ? 'delete' : 'restore'}${model}`, {
      payload,
      description: deleted ? declaration.deleteDescription : declaration.restoreDescription,
      input: RecordVersionInput,
      inputDescription: `The ${label} and its version.`,
      schema: recordVersion(model),
      write: (scope, input) => setDeleted(scope, model, deletion, input.id, input.version, deleted),
    });
  return payload;
}
