// Named, typed fixtures, after Redwood's `defineScenario`: each record a test builds on is declared by
// name with Prisma's own create data (so the data model types it), written into the test file's own
// database through the privileged path (the Prisma client, as Keystone's test runner seeds), and handed
// back by name as the global id the API speaks. Tests then say `scenario.source.notes`, not a slug into
// the curated seed.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Prisma, PrismaClient } from '../../src/generated/prisma/client.js';

/** The models a scenario may declare, with their create data and GraphQL type name. */
interface Creatable {
  participant: Prisma.ParticipantUncheckedCreateInput;
  source: Prisma.SourceUncheckedCreateInput;
}
const TYPE_NAMES: Record<keyof Creatable, string> = { participant: 'Participant', source: 'Source' };

export type ScenarioDefinition = { [M in keyof Creatable]?: Record<string, Creatable[M]> };

/** The global id of every record of `S`, by model and name. */
export type Scenario<S extends ScenarioDefinition> = { [M in keyof S]: { [N in keyof S[M]]: string } };

/** Declares a scenario; only checks its types (it is written by `seedScenario`). */
export function defineScenario<const S extends ScenarioDefinition>(definition: S): S {
  return definition;
}

/** Writes the scenario's records and returns their global ids by name. */
export async function seedScenario<S extends ScenarioDefinition>(
  prisma: PrismaClient,
  definition: S,
): Promise<Scenario<S>> {
  const created: Record<string, Record<string, string>> = {};
  for (const model of Object.keys(definition) as (keyof Creatable)[]) {
    created[model] = {};
    for (const [name, data] of Object.entries(definition[model] ?? {})) {
      const row =
        model === 'participant'
          ? await prisma.participant.create({ data: data as Creatable['participant'] })
          : await prisma.source.create({ data: data as Creatable['source'] });
      created[model][name] = encodeGlobalID(TYPE_NAMES[model], row.id);
    }
  }
  return created as Scenario<S>;
}
