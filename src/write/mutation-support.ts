// What every mutation shares: the Mutation root type, the idempotency-key argument, the
// id-and-version input of deletes and restores, and `mutate`, which runs a write and shapes its payload.
import { builder } from '../graphql/builder.js';
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
