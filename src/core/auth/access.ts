// Who may call each root field. Every Query, Mutation and Subscription field names one of these in its
// `authScopes`; schema.ts refuses to build a schema with a root field that does not (secure by default).
import type { GraphQLSchema } from 'graphql';
import { apiError, ErrorCode } from '../errors.js';
import { hasRole, type Viewer } from './authenticate.js';

/** The scopes a field can require. `read` is public unless READS_REQUIRE_KEY is set. */
export interface AuthScopes {
  read: boolean;
  editor: boolean;
  admin: boolean;
}

export interface AccessPolicy {
  /** When false, reading needs a key with at least the READER role. */
  readonly publicReads: boolean;
}

export function scopesFor(viewer: Viewer, policy: AccessPolicy): AuthScopes {
  return {
    read: policy.publicReads || hasRole(viewer, 'READER'),
    editor: hasRole(viewer, 'EDITOR'),
    admin: hasRole(viewer, 'ADMIN'),
  };
}

/** Anyone may call it (or any key, when reads are not public). */
export const READ = { read: true } as const;
/** Needs an EDITOR or ADMIN key: writes to the log. */
export const EDIT = { editor: true } as const;
/** Needs an ADMIN key: key management and the audit log. */
export const ADMINISTER = { admin: true } as const;

/** The error for a refused field: no key at all is UNAUTHENTICATED, a key too weak is FORBIDDEN. */
export function accessDenied(viewer: Viewer, fieldName: string) {
  if (viewer.kind === 'anonymous')
    return apiError(ErrorCode.UNAUTHENTICATED, `${fieldName} needs an API key (Authorization: Bearer <key>)`);
  return apiError(ErrorCode.FORBIDDEN, `The ${viewer.role} role may not call ${fieldName}`);
}

/** The root fields that declare no access rule. schema.ts refuses to start with any. */
export function rootFieldsWithoutAccessRule(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const options = field.extensions?.pothosOptions as { authScopes?: unknown } | undefined;
      if (!options?.authScopes) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}

/** Root field → the scope it requires, for the README and the access test. */
export function accessTable(schema: GraphQLSchema): Record<string, string> {
  const table: Record<string, string> = {};
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const scopes = (field.extensions?.pothosOptions as { authScopes?: object } | undefined)?.authScopes;
      table[`${type.name}.${field.name}`] = scopes ? Object.keys(scopes).join('|') : 'none';
    }
  }
  return table;
}
