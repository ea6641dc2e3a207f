// Merging the selections (Pothos' `query`) of several fields that load the same model by id, so that they
// share one statement (see byIdLoader in loaders.ts): the union of two `select`s or two `include`s with
// the same arguments. The rare ones that cannot merge (the same relation with different arguments) get
// their own. A merged selection reads a superset of each field's, which Pothos accepts.
import { isDeepStrictEqual } from 'node:util';

export type Query = Record<string, unknown>;

/**
 * The selection that satisfies both `a` and `b`, or null when there is none short of reading more
 * rows (the same relation filtered, ordered or paged differently).
 */
export function mergeQueries(a: Query, b: Query): Query | null {
  if (isDeepStrictEqual(a, b)) return a;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const merged: Query = {};
  for (const key of keys) {
    if (key === 'select' || key === 'include') continue;
    // Relation arguments (where, orderBy, take…) must agree.
    if (!isDeepStrictEqual(a[key], b[key])) return null;
    merged[key] = a[key];
  }
  const aMode = 'select' in a ? 'select' : 'include' in a ? 'include' : null;
  const bMode = 'select' in b ? 'select' : 'include' in b ? 'include' : null;
  // {} reads every scalar and no relation: it agrees with any `include`, not with a narrower `select`.
  if (aMode === null && bMode === null) return merged;
  if (aMode === null && bMode === 'include') return { ...merged, include: b.include };
  if (bMode === null && aMode === 'include') return { ...merged, include: a.include };
  if (aMode !== bMode) return null;
  const fields = mergeFields(a[aMode!] as Query, b[bMode!] as Query);
  return fields && { ...merged, [aMode!]: fields };
}

function mergeFields(a: Query, b: Query): Query | null {
  const out: Query = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    if (mine === undefined || mine === false || isDeepStrictEqual(mine, value)) {
      out[key] = value;
      continue;
    }
    if (value === false) continue;
    // `true` on a relation reads its scalars: the same as an empty query.
    const merged = mergeQueries(mine === true ? {} : (mine as Query), value === true ? {} : (value as Query));
    if (!merged) return null;
    out[key] = merged;
  }
  return out;
}
