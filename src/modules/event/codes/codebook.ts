// The event-code reference data (CAMEO codes with Goldstein weights, PLOVER categories, modes and
// contexts), read once from the database and kept in memory. It is written only by the event_codes
// migration, so it cannot change while the server runs: resolvers, filters and writes look codes up here
// without a statement per request.
import type { PloverCategory } from '../../../generated/prisma/enums.js';
import type { Tx } from '../../../core/write/write-transaction.js';

/** Where a code sits in CAMEO's hierarchy: "04" is a ROOT, "042" a BASE code, "0421" DETAILED. */
export type CameoLevel = 'ROOT' | 'BASE' | 'DETAILED';

export interface CameoEntry {
  code: string;
  name: string;
  level: CameoLevel;
  rootCode: string;
  parentCode: string | null;
  /** The three-digit code a code falls under (itself for a base code); null for a root. */
  baseCode: string | null;
  goldstein: number;
  quadClass: number;
  ploverCategory: PloverCategory | null;
  ploverMode: string | null;
}

export interface PloverCategoryEntry {
  category: PloverCategory;
  name: string;
  description: string;
  quadClass: number;
  score: number;
}

export interface PloverModeEntry {
  category: PloverCategory;
  mode: string;
  description: string;
}

export interface PloverContextEntry {
  context: string;
  description: string;
  modality: boolean;
}

export interface Codebook {
  /** Every CAMEO code, in code order. */
  cameo: CameoEntry[];
  cameoByCode: ReadonlyMap<string, CameoEntry>;
  childrenOf: ReadonlyMap<string, CameoEntry[]>;
  /** PLOVER categories in PLOVER's order. */
  plover: PloverCategoryEntry[];
  ploverByCategory: ReadonlyMap<PloverCategory, PloverCategoryEntry>;
  modesOf: ReadonlyMap<PloverCategory, PloverModeEntry[]>;
  contexts: PloverContextEntry[];
  contextByCode: ReadonlyMap<string, PloverContextEntry>;
}

export const levelOf = (code: string): CameoLevel =>
  code.length === 2 ? 'ROOT' : code.length === 3 ? 'BASE' : 'DETAILED';

/** The Prisma client or a transaction: anything with the four reference tables. */
type CodebookClient = Pick<Tx, 'cameoCode' | 'ploverCategoryDefinition' | 'ploverMode' | 'ploverContext'>;

let loading: Promise<Codebook> | undefined;

/** The reference data, loaded on first use (four statements) and shared by every request after. */
export function loadCodebook(client: CodebookClient): Promise<Codebook> {
  loading ??= readCodebook(client).catch((error: unknown) => {
    loading = undefined; // a failed load (database down) is retried by the next caller
    throw error;
  });
  return loading;
}

async function readCodebook(client: CodebookClient): Promise<Codebook> {
  const [codes, categories, modes, contexts] = await Promise.all([
    client.cameoCode.findMany({ orderBy: { code: 'asc' } }),
    client.ploverCategoryDefinition.findMany({ orderBy: { category: 'asc' } }),
    client.ploverMode.findMany({ orderBy: [{ category: 'asc' }, { code: 'asc' }] }),
    client.ploverContext.findMany({ orderBy: [{ modality: 'asc' }, { code: 'asc' }] }),
  ]);
  const cameo: CameoEntry[] = codes.map((c) => ({
    code: c.code,
    name: c.name,
    level: levelOf(c.code),
    rootCode: c.rootCode,
    parentCode: c.parentCode,
    baseCode: c.code.length >= 3 ? c.code.slice(0, 3) : null,
    goldstein: c.goldstein,
    quadClass: c.quadClass,
    ploverCategory: c.ploverCategory,
    ploverMode: c.ploverMode,
  }));
  const childrenOf = new Map<string, CameoEntry[]>();
  for (const entry of cameo) {
    if (!entry.parentCode) continue;
    const siblings = childrenOf.get(entry.parentCode) ?? [];
    siblings.push(entry);
    childrenOf.set(entry.parentCode, siblings);
  }
  const modesOf = new Map<PloverCategory, PloverModeEntry[]>();
  for (const m of modes) {
    const list = modesOf.get(m.category) ?? [];
    list.push({ category: m.category, mode: m.code, description: m.description });
    modesOf.set(m.category, list);
  }
  const contextEntries = contexts.map((c) => ({
    context: c.code,
    description: c.description,
    modality: c.modality,
  }));
  return {
    cameo,
    cameoByCode: new Map(cameo.map((c) => [c.code, c])),
    childrenOf,
    plover: categories,
    ploverByCategory: new Map(categories.map((c) => [c.category, c])),
    modesOf,
    contexts: contextEntries,
    contextByCode: new Map(contextEntries.map((c) => [c.context, c])),
  };
}

/** Why an event's coding does not fit the reference data, per field; empty when it fits. */
export function codingProblems(
  book: Codebook,
  coding: {
    cameoCode?: string | null | undefined;
    ploverCategory?: PloverCategory | null | undefined;
    ploverMode?: string | null | undefined;
    ploverContexts?: readonly string[] | null | undefined;
  },
): { field: 'cameoCode' | 'ploverMode' | 'ploverContexts'; message: string }[] {
  const problems: { field: 'cameoCode' | 'ploverMode' | 'ploverContexts'; message: string }[] = [];
  if (coding.cameoCode && !book.cameoByCode.has(coding.cameoCode))
    problems.push({ field: 'cameoCode', message: `"${coding.cameoCode}" is not a CAMEO 1.1b3 event code` });
  if (coding.ploverMode) {
    const modes = coding.ploverCategory ? (book.modesOf.get(coding.ploverCategory) ?? []) : [];
    if (!coding.ploverCategory)
      problems.push({ field: 'ploverMode', message: 'a PLOVER mode needs a PLOVER category' });
    else if (!modes.some((m) => m.mode === coding.ploverMode))
      problems.push({
        field: 'ploverMode',
        message: `"${coding.ploverMode}" is not a mode of ${coding.ploverCategory}${
          modes.length ? ` (${modes.map((m) => m.mode).join(', ')})` : ', which has no modes'
        }`,
      });
  }
  for (const context of coding.ploverContexts ?? []) {
    if (!book.contextByCode.has(context)) {
      problems.push({ field: 'ploverContexts', message: `"${context}" is not a PLOVER context` });
      break;
    }
  }
  return problems;
}
