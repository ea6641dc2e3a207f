// The audit log, for admins: every write the API has made, newest first, never changed by the API.
import { LIMITS } from '../../core/graphql/input-limits.js';
import { z } from 'zod';
import { ADMINISTER } from '../../core/auth/access.js';
import { MODEL_NAMES } from '../../core/db/models.js';
import '../../core/auth/auth.schema.js';
import { describedEnum } from '../../core/graphql/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../../core/graphql/builder.js';
import { recordPage } from '../../core/graphql/record-fields.js';
import { encodeGlobalId } from '../../core/graphql/global-id.js';
import { anyGlobalId, parseInput } from '../../core/write/validation.js';

const AuditActionEnum = describedEnum('AuditAction', 'What a write did to an entity.', {
  CREATE: 'Created it (or, for a link such as a participation, added it).',
  UPDATE: 'Changed some of its fields.',
  DELETE: 'Deleted it (soft delete for records; links and revoked keys are gone for good).',
  RESTORE: 'Brought a deleted record back.',
});

const ENTITY_TYPES: [string, ...string[]] = [MODEL_NAMES[0]!, ...MODEL_NAMES.slice(1), 'Citation'];

builder.prismaObject('AuditEntry', {
  fields: (t) => ({
    id: t.id({ description: 'Position in the log (increasing).', resolve: (e) => e.id.toString() }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    apiKey: t.relation('apiKey'),
    operation: t.exposeString('operation'),
    action: t.expose('action', { type: AuditActionEnum }),
    entityType: t.exposeString('entityType'),
    entityId: t.id({
      description: 'The entity’s global id (for ApiKey entries: ApiKey.id).',
      resolve: (e) => (e.entityType === 'ApiKey' ? e.entityId : encodeGlobalId(e.entityType, e.entityId)),
    }),
    before: t.expose('before', { type: 'JSON', nullable: true }),
    after: t.expose('after', { type: 'JSON', nullable: true }),
    requestId: t.exposeString('requestId', { nullable: true }),
  }),
});

const AuditFilter = builder.inputType('AuditFilter', {
  description: 'Narrows the audit log; all given conditions must hold.',
  fields: (t) => ({
    entityId: t.id({ required: false, description: 'Only entries about this entity (a global id).' }),
    entityType: t.string({
      required: false,
      description: `Only entries about this type (${ENTITY_TYPES.join(', ')}, ApiKey).`,
    }),
    apiKeyId: t.id({ required: false, description: 'Only writes made with this key (ApiKey.id).' }),
    operation: t.string({ required: false, description: 'Only this mutation.' }),
    from: t.field({
      type: 'DateTime',
      required: false,
      description: 'Only entries at or after this moment.',
    }),
    to: t.field({ type: 'DateTime', required: false, description: 'Only entries before this moment.' }),
  }),
});

const auditFilterSchema = z.object({
  entityId: anyGlobalId(ENTITY_TYPES).nullish(),
  entityType: z.enum([...ENTITY_TYPES, 'ApiKey']).nullish(),
  apiKeyId: z.uuid('must be an ApiKey id').nullish(),
  operation: z.string().max(LIMITS.auditOperation.maxChars).nullish(),
  from: z.date().nullish(),
  to: z.date().nullish(),
});

function auditWhere(filter: unknown): Prisma.AuditEntryWhereInput {
  if (!filter) return {};
  const f = parseInput(auditFilterSchema, filter, 'filter');
  return {
    ...(f.entityId ? { entityType: f.entityId.typename, entityId: f.entityId.id } : {}),
    ...(f.entityType ? { entityType: f.entityType } : {}),
    ...(f.apiKeyId ? { apiKeyId: f.apiKeyId } : {}),
    ...(f.operation ? { operation: f.operation } : {}),
    ...(f.from || f.to
      ? { occurredAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } }
      : {}),
  };
}

builder.queryField('auditLog', (t) =>
  t.prismaConnection(
    {
      ...recordPage,
      type: 'AuditEntry',
      authScopes: ADMINISTER,
      description: 'Every write, newest first (admins only).',
      args: { filter: t.arg({ type: AuditFilter, required: false, description: 'Which entries.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.auditEntry.findMany({ ...query, where: auditWhere(args.filter), orderBy: { id: 'desc' } }),
      totalCount: (_root, args, ctx) => ctx.prisma.auditEntry.count({ where: auditWhere(args.filter) }),
    },
    { description: 'A page of audit entries.' },
    { description: 'One audit entry and its cursor.' },
  ),
);
