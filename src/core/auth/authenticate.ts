// Who is calling: anonymous, or the holder of an API key. Resolved once per request (HTTP) or per
// connection (WebSocket), before any resolver runs, so that a bad key fails the whole request clearly
// instead of silently reading as anonymous.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { apiError, ErrorCode } from '../errors.js';
import { hashSecret, type ApiKeyRoleName } from './api-keys.js';

export type Viewer =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'apiKey'; readonly keyId: string; readonly name: string; readonly role: ApiKeyRoleName };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

const ROLE_RANK: Record<ApiKeyRoleName, number> = { READER: 1, EDITOR: 2, ADMIN: 3 };

/** Whether the viewer holds at least this role (ADMIN includes EDITOR includes READER). */
export function hasRole(viewer: Viewer, role: ApiKeyRoleName): boolean {
  return viewer.kind === 'apiKey' && ROLE_RANK[viewer.role] >= ROLE_RANK[role];
}

const unauthenticated = (message: string) =>
  apiError(ErrorCode.UNAUTHENTICATED, message, {
    http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) },
  });

/** Resolves an `Authorization` header value (or a WebSocket connection parameter) to a viewer. */
export async function authenticate(
  prisma: Pick<PrismaClient, 'apiKey'>,
  authorization: string | undefined,
  now: Date = new Date(),
): Promise<Viewer> {
  if (authorization === undefined || authorization === '') return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <API key>"');
  const secret = match[1]!;
  // Bounded before hashing: nothing legitimate is longer, and it keeps hostile headers cheap.
  if (secret.length > 200) throw unauthenticated('Unknown API key');
  const key = await prisma.apiKey.findUnique({ where: { secretHash: hashSecret(secret) } });
  if (!key) throw unauthenticated('Unknown API key');
  if (key.revokedAt) throw unauthenticated('This API key has been revoked');
  if (key.expiresAt && key.expiresAt <= now) throw unauthenticated('This API key has expired');
  return { kind: 'apiKey', keyId: key.id, name: key.name, role: key.role };
}
