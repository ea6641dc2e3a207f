// `npm run admin -- <command>`: API key management from the shell, where the first admin key comes from.
//   create-key --name newsdesk --role editor [--expires-in-days 90]   prints the secret, once
//   list-keys                                                         never prints secrets
//   revoke-key --name newsdesk   (or --id <uuid>)
// Works on DATABASE_URL, also while servers run; on the embedded database only while no server has the
// folder open (see openMigratedDatabase).
// With the server running, manage keys through GraphQL with the bootstrap admin key (bootstrap-key.ts).
import { commandLine, openMigratedDatabase, usageError } from '../command-line.js';
import { ApiKeyRole, createApiKey, listApiKeys, revokeApiKey, type ApiKeyRoleName } from './api-keys.js';

const USAGE = `usage: npm run admin -- create-key --name NAME --role reader|editor|admin [--expires-in-days N]
       npm run admin -- list-keys
       npm run admin -- revoke-key --name NAME | --id ID`;

function fail(message: string): never {
  return usageError(message, USAGE);
}

const { positionals, values } = commandLine({
  name: { type: 'string' },
  id: { type: 'string' },
  role: { type: 'string' },
  'expires-in-days': { type: 'string' },
});
const command = positionals[0];
if (!['create-key', 'list-keys', 'revoke-key'].includes(command ?? ''))
  fail(`unknown command ${command ?? '(none)'}`);

const db = await openMigratedDatabase();
try {
  if (command === 'create-key') {
    if (!values.name) fail('create-key needs --name');
    const role = values.role?.toUpperCase() as ApiKeyRoleName | undefined;
    if (!role || !(role in ApiKeyRole)) fail('create-key needs --role reader, editor or admin');
    const days = values['expires-in-days'] === undefined ? undefined : Number(values['expires-in-days']);
    if (days !== undefined && !(Number.isFinite(days) && days > 0))
      fail('--expires-in-days must be a positive number');
    if (await db.prisma.apiKey.findUnique({ where: { name: values.name } }))
      fail(`a key named "${values.name}" exists`);
    const { key, secret } = await createApiKey(db.prisma, {
      name: values.name,
      role,
      expiresAt: days === undefined ? null : new Date(Date.now() + days * 86_400_000),
    });
    console.error(`Created ${key.role} key "${key.name}" (${key.id}). The secret is shown only this once:`);
    console.log(secret);
  } else if (command === 'list-keys') {
    for (const key of await listApiKeys(db.prisma)) {
      const state = key.revokedAt
        ? `revoked ${key.revokedAt.toISOString()}`
        : key.expiresAt
          ? `expires ${key.expiresAt.toISOString()}`
          : 'active';
      console.log([key.id, key.name, key.role, `${key.prefix}…`, state].join('\t'));
    }
  } else {
    const which = values.id ?? values.name;
    if (!which) fail('revoke-key needs --name or --id');
    const key = await revokeApiKey(db.prisma, which);
    if (!key) fail(`no key "${which}"`);
    console.log(`Revoked "${key.name}" (${key.id}) at ${key.revokedAt!.toISOString()}`);
  }
} finally {
  await db.close();
}
