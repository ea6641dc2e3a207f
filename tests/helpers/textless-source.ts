// A source the log holds no full text of, for tests whose quotes are made up: such quotes cannot be
// verified, so they are accepted (unverified). A seeded article, which holds its text, would refuse them.
import { randomBytes } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Database } from '../../src/core/db/database.js';

export async function textlessSource(
  db: Database,
  title = 'Test notes without a full text',
): Promise<string> {
  const row = await db.prisma.source.create({
    data: { slug: `test-notes-${randomBytes(4).toString('hex')}`, kind: 'OTHER', title },
  });
  return encodeGlobalID('Source', row.id);
}
