// The first admin key, without stopping the server. When the server starts on a database with no API key
// at all, it creates one ADMIN key named "bootstrap-admin" and writes its secret to a file only the
// server's user can read (ADMIN_KEY_FILE; on the embedded database, bootstrap-admin.key in its folder).
// The secret never goes to the log. With it an admin creates real keys through GraphQL (createApiKey) and
// revokes this one; see docs/operations.md, "The first admin key".
import { writeFile } from 'node:fs/promises';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { createApiKey } from './api-keys.js';

export const BOOTSTRAP_KEY_NAME = 'bootstrap-admin';

/** Creates the bootstrap key if there is no key yet; returns the file written, or undefined. */
export async function bootstrapAdminKey(db: Database, file: string | undefined, logger: Logger) {
  if ((await db.prisma.apiKey.count()) > 0) return undefined;
  if (!file) {
    logger.warn(
      'no API keys yet: create the first admin key with `npm run admin -- create-key --name NAME --role admin` (or set ADMIN_KEY_FILE and restart)',
    );
    return undefined;
  }
  let secret: string;
  try {
    ({ secret } = await createApiKey(db.prisma, { name: BOOTSTRAP_KEY_NAME, role: 'ADMIN' }));
  } catch (error) {
    // Another server on the same database made it first (a unique name): that one wrote the file.
    if ((error as { code?: string }).code === 'P2002') return undefined;
    throw error;
  }
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  logger.warn(
    { file, key: BOOTSTRAP_KEY_NAME },
    'no API keys yet: created a one-time ADMIN key; its secret is in this file. Create your own keys with it (createApiKey), then revoke it and delete the file',
  );
  return file;
}
