// What every mutation shares: the Mutation root type, the idempotency-key argument, the
// id-and-version input of deletes and restores, and `mutate`, which runs a write and shapes its payload.
import type { ObjectRef, SchemaTypes } from '@pothos/core';
import { EDIT } from '../auth/access.js';
import { builder } from '../graphql/builder.js';
import { parseInput, recordVersion } from './validation.js';
import type { RequestContext } from '../graphql/context.js';
import { runWrite, type WriteScope } from './write-transaction.js';

builder.mutationType({
  description:
    'Writes (need an API key with the EDITOR role; key management needs ADMIN). Each runs in one transaction, is audited, and accepts an idempotency key for safe retries.',
});

/** What a mutation returns before its payload type loads the record. */
export interface WritePayload {
  /** The id of the record the payload shows. */
  id: string;
  replayed: boolean;
}

export const IDEMPOTENCY_KEY_ARG = {
  required: false,
  description:
    'Any unique string (a UUID is ideal). A retry with the same key and the same input returns the first result and writes nothing more; the same key with other input is refused with CONFLICT. Keys are per API key.',
} as const;

export const RecordVersionInput = builder.inputType('RecordVersionInput', {
  description: 'Names a record and the version you read, for deletes and restores.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The record’s global id.' }),
    version: t.int({
      required: true,
      description: 'The version you read; a stale one is refused with CONFLICT.',
    }),
  }),
});

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : SchemaTypes;

export async function mutate(
  ctx: RequestContext,
  operation: string,
  args: { input: unknown; idempotencyKey?: string | null | undefined },
  work: (scope: WriteScope) => Promise<string>,
): Promise<WritePayload> {
  const outcome = await runWrite(
    ctx,
    { operation, args: args.input, idempotencyKey: args.idempotencyKey },
    async (scope) => ({ id: await work(scope) }),
  );
  return { id: outcome.result.id as string, replayed: outcome.replayed };
}

/** The `replayed` field every payload has. */
export const replayedField = {
  description:
    'True when this answers a retry: an earlier request with the same idempotency key did the write.',
} as const;

/**
 * Registers `delete<Type>` and `restore<Type>`: the same two mutations for every soft-deletable record,
 * differing only in the record's own rules (in `setDeleted`) and their descriptions.
 */
export function softDeleteMutations(options: {
  typename: string;
  payload: ObjectRef<BuilderTypes, WritePayload>;
  setDeleted: (scope: WriteScope, id: string, version: number, deleted: boolean) => Promise<string>;
  deleteDescription: string;
  restoreDescription: string;
  inputDescription: string;
}) {
  const { typename, payload, setDeleted } = options;
  const field = (deleted: boolean, description: string) =>
    builder.mutationField(`${deleted ? 'delete' : 'restore'}${typename}`, (t) =>
      t.field({
        type: payload,
        authScopes: EDIT,
        description,
        args: {
          input: t.arg({ type: RecordVersionInput, required: true, description: options.inputDescription }),
          idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
        },
        resolve: (_root, args, ctx) => {
          const input = parseInput(recordVersion(typename), args.input);
          return mutate(ctx, `${deleted ? 'delete' : 'restore'}${typename}`, args, (scope) =>
            setDeleted(scope, input.id, input.version, deleted),
          );
        },
      }),
    );
  field(true, options.deleteDescription);
  field(false, options.restoreDescription);
}
