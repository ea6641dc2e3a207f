// API keys for tests, created through the same data layer as `npm run admin -- create-key`.
import { createApiKey, type ApiKeyRoleName } from '../../src/core/auth/api-keys.js';
import type { Database } from '../../src/core/db/database.js';

export type AuthHeaders = { authorization: string };

export async function bearer(
  db: Database,
  role: ApiKeyRoleName,
  name = `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`,
): Promise<AuthHeaders & { keyId: string }> {
  const { key, secret } = await createApiKey(db.prisma, { name, role });
  return { authorization: `Bearer ${secret}`, keyId: key.id };
}
