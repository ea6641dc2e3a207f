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
  /**
   * The record as the write's transaction left it, when the write read it last (never on a replay):
   * a payload whose selection needs nothing else can answer without reading it again.
   */
  row?: object;
}

/** What a write returns: the id of the record its payload shows, or the id with that record's final row. */
export type Written = string | { id: string; row: object };

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
  work: (scope: WriteScope) => Promise<Written>,
): Promise<WritePayload> {
  let row: object | undefined;
  const outcome = await runWrite(
    ctx,
    { operation, args: args.input, idempotencyKey: args.idempotencyKey },
    async (scope) => {
      const written = await work(scope);
      if (typeof written === 'string') return { id: written };
      row = written.row;
      // Only the id is the result (and stored for replays).
      return { id: written.id };
    },
  );
  const payload: WritePayload = { id: outcome.result.id as string, replayed: outcome.replayed };
  if (row && !outcome.replayed) payload.row = row;
  return payload;
}

/**
 * Whether a Pothos-planned Prisma query (`{}`, `{ select }` or `{ include }`) asks for nothing beyond the
 * model's own columns: no relations, no counts. Such a selection can be served from a full row in hand.
 */
export function columnsOnly(query: { select?: object; include?: object }): boolean {
  if (query.include && Object.keys(query.include).length > 0) return false;
  return Object.entries(query.select ?? {}).every(([field, value]) => value === true && field !== '_count');
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
