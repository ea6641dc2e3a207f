// API keys: random bearer secrets of which only a SHA-256 hash is stored. A slow password hash (bcrypt,
// argon2) protects guessable human passwords; these secrets carry 256 random bits, so one fast hash is
// as safe and keeps authentication to a single indexed lookup per request.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient, ApiKey } from '../../generated/prisma/client.js';
import { ApiKeyRole } from '../../generated/prisma/enums.js';

export { ApiKeyRole };
export type ApiKeyRoleName = (typeof ApiKeyRole)[keyof typeof ApiKeyRole];

/** Every secret starts with this, so that leaked keys are easy to recognise (and to scan for). */
export const SECRET_PREFIX = 'jvlog_';
const SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length + 6;

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** What a listing may show of a key: never the secret or its hash. */
export type ApiKeyInfo = Omit<ApiKey, 'secretHash'>;

export function publicKeyInfo(key: ApiKey): ApiKeyInfo {
  const { secretHash: _hidden, ...info } = key;
  return info;
}

export interface NewApiKey {
  name: string;
  role: ApiKeyRoleName;
  expiresAt?: Date | null;
}

/** Creates a key and returns its secret: the only time the secret exists outside the client. */
export async function createApiKey(
  prisma: Pick<PrismaClient, 'apiKey'>,
  input: NewApiKey,
): Promise<{ key: ApiKeyInfo; secret: string }> {
  const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
  const key = await prisma.apiKey.create({
    data: {
      name: input.name,
      role: input.role,
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      secretHash: hashSecret(secret),
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { key: publicKeyInfo(key), secret };
}

export async function listApiKeys(prisma: Pick<PrismaClient, 'apiKey'>): Promise<ApiKeyInfo[]> {
  const keys = await prisma.apiKey.findMany({ orderBy: { createdAt: 'asc' } });
  return keys.map(publicKeyInfo);
}

/** Revokes a key by name or id; it stops working at once. Returns null when there is no such key. */
export async function revokeApiKey(
  prisma: Pick<PrismaClient, 'apiKey'>,
  nameOrId: string,
): Promise<ApiKeyInfo | null> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const key = await prisma.apiKey.findFirst({
    where: isUuid ? { OR: [{ id: nameOrId }, { name: nameOrId }] } : { name: nameOrId },
  });
  if (!key) return null;
  if (key.revokedAt) return publicKeyInfo(key);
  return publicKeyInfo(
    await prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } }),
  );
}
