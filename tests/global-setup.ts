// vitest globalSetup: builds the migrated and the seeded template databases once for the whole run
// (tests/helpers/database-templates.ts). Both projects list this file; the templates are built once per
// process and removed after the last project is done.
import { buildTemplates } from './helpers/database-templates.js';

const shared = globalThis as { jvLogTemplates?: { users: number; ready: Promise<() => Promise<void>> } };

export default async function setup(): Promise<() => Promise<void>> {
  shared.jvLogTemplates ??= { users: 0, ready: buildTemplates() };
  const templates = shared.jvLogTemplates;
  templates.users++;
  const remove = await templates.ready;
  return async () => {
    if (--templates.users === 0) {
      delete shared.jvLogTemplates;
      await remove();
    }
  };
}
