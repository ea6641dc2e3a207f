// Who am I, and key management for admins.
import { LIMITS } from '../graphql/input-limits.js';
import { z } from 'zod';
import { ADMINISTER, READ } from './access.js';
import { builder } from '../graphql/builder.js';
import { ApiKeyRole } from '../../generated/prisma/enums.js';
import { apiError, ErrorCode } from '../errors.js';
import { replayedField, writeMutation } from '../write/mutation-support.js';
import { text } from '../write/validation.js';
import { createApiKey, publicKeyInfo, type ApiKeyInfo, type ApiKeyRoleName } from './api-keys.js';
import { describedEnum } from '../graphql/enums.js';

export const ApiKeyRoleEnum = describedEnum(
  'ApiKeyRole',
  'What a key may do; each role includes the ones before it.',
  {
    READER: 'Read (when reads are not public).',
    EDITOR: 'Read and write the log.',
    ADMIN: 'Everything, including key management and the audit log.',
  },
);

export const ApiKeyRef = builder.prismaObject('ApiKey', {
  select: {
    id: true,
    name: true,
    role: true,
    prefix: true,
    createdAt: true,
    expiresAt: true,
    revokedAt: true,
  },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: ApiKeyRoleEnum }),
    prefix: t.exposeString('prefix'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const ViewerRef = builder
  .objectRef<{ name: string | null; role: ApiKeyRoleName | null }>('Viewer')
  .implement({
    description: 'Who is calling.',
    fields: (t) => ({
      name: t.exposeString('name', {
        nullable: true,
        description: 'The API key’s name; null when anonymous.',
      }),
      role: t.expose('role', {
        type: ApiKeyRoleEnum,
        nullable: true,
        description: 'The key’s role; null when anonymous.',
      }),
    }),
  });

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    authScopes: READ,
    description: 'Who the server takes you for (from the Authorization header).',
    resolve: (_root, _args, ctx) =>
      ctx.viewer.kind === 'apiKey'
        ? { name: ctx.viewer.name, role: ctx.viewer.role }
        : { name: null, role: null },
  }),
  apiKeys: t.prismaField({
    type: ['ApiKey'],
    authScopes: ADMINISTER,
    description: 'Every API key, oldest first (admins only).',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.apiKey.findMany({ ...query, orderBy: { createdAt: 'asc' } }),
  }),
}));

const CreatedApiKey = builder
  .objectRef<{ key: ApiKeyInfo; secret: string; replayed: boolean }>('CreateApiKeyPayload')
  .implement({
    description: 'A new key and its secret.',
    fields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, description: 'The key.', resolve: (p) => p.key }),
      secret: t.exposeString('secret', {
        description:
          'The secret to send as "Authorization: Bearer <secret>". Shown only now; store it safely.',
      }),
      replayed: t.exposeBoolean('replayed', replayedField),
    }),
  });

const ApiKeyPayload = builder.objectRef<{ key: ApiKeyInfo; replayed: boolean }>('ApiKeyPayload').implement({
  description: 'The key a mutation changed.',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: 'The key, as it is now.', resolve: (p) => p.key }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new API key.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'A unique name for who or what will use it.' }),
    role: t.field({ type: ApiKeyRoleEnum, required: true, description: 'What it may do.' }),
    expiresAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'When it stops working (optional).',
    }),
  }),
});

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  description: 'The key to revoke.',
  fields: (t) => ({ id: t.id({ required: true, description: 'ApiKey.id.' }) }),
});

const createKeySchema = z.object({
  name: text(LIMITS.apiKeyName.maxChars),
  role: z.enum(ApiKeyRole),
  expiresAt: z
    .date()
    .refine((d) => d > new Date(), 'must be in the future')
    .nullish(),
});

writeMutation('createApiKey', {
  payload: {
    ref: CreatedApiKey,
    store: (created: { key: ApiKeyInfo; secret: string }) => ({ id: created.key.id }),
    // The secret exists only in the first answer; it is never stored, so a replay cannot return it.
    answer: async ({ stored, written }, ctx) => {
      if (!written)
        throw apiError(
          ErrorCode.CONFLICT,
          'This key was already created by an earlier request with this idempotency key',
          { field: 'idempotencyKey' },
        );
      const key = await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id: stored.id as string } });
      return { key: publicKeyInfo(key), secret: written.secret, replayed: false };
    },
  },
  authScopes: ADMINISTER,
  description:
    'Creates an API key and returns its secret, once. Retrying with the same idempotency key is refused rather than showing the secret again.',
  input: CreateApiKeyInput,
  inputDescription: 'The new key’s name, role and expiry.',
  schema: createKeySchema,
  write: async (scope, input) => {
    if (await scope.tx.apiKey.findUnique({ where: { name: input.name } }))
      throw apiError(ErrorCode.CONFLICT, 'input.name: another key has this name', { field: 'input.name' });
    const created = await createApiKey(scope.tx, {
      name: input.name,
      role: input.role,
      expiresAt: input.expiresAt ?? null,
    });
    scope.audit({ action: 'CREATE', entityType: 'ApiKey', entityId: created.key.id, after: created.key });
    return created;
  },
});

writeMutation('revokeApiKey', {
  payload: {
    ref: ApiKeyPayload,
    store: (id: string) => ({ id }),
    answer: async ({ stored, replayed }, ctx) => {
      const key = await ctx.prisma.apiKey.findUniqueOrThrow({ where: { id: stored.id as string } });
      return { key: publicKeyInfo(key), replayed };
    },
  },
  authScopes: ADMINISTER,
  description: 'Revokes an API key: it stops working at once.',
  input: RevokeApiKeyInput,
  inputDescription: 'The key to revoke.',
  schema: z.object({ id: z.uuid('must be an ApiKey id') }),
  write: async (scope, { id }) => {
    const before = await scope.tx.apiKey.findUnique({ where: { id } });
    if (!before) throw apiError(ErrorCode.NOT_FOUND, 'No API key with this id', { field: 'input.id' });
    if (!before.revokedAt) {
      const after = await scope.tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
      scope.audit({
        action: 'DELETE',
        entityType: 'ApiKey',
        entityId: id,
        before: publicKeyInfo(before),
        after: publicKeyInfo(after),
      });
    }
    return id;
  },
});
