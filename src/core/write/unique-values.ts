// Values no two records of a kind may share (a URL, a country's ISO code), deleted records included:
// they keep theirs, to be restored. Checked before the write so that the refusal names the input field;
// the database's unique index stays the guarantee.
import type { ModelName } from '../db/models.js';
import { apiError, ErrorCode } from '../errors.js';
import type { Tx } from './write-transaction.js';

interface UniqueDelegate {
  findUnique(args: { where: Record<string, string>; select: { id: true } }): Promise<object | null>;
}

/**
 * Refuses with CONFLICT (`${field}: ${message}`) a `value` of the unique `column` of `model` that another
 * record has. Nothing to check when no value is given or the record keeps its `current` one.
 */
export async function refuseTaken(
  tx: Tx,
  model: ModelName,
  { column, value, current }: { column: string; value: string | null | undefined; current?: string | null },
  { field, message }: { field: string; message: string },
): Promise<void> {
  if (!value || value === current) return;
  const delegate = (tx as unknown as Record<string, UniqueDelegate>)[
    model.charAt(0).toLowerCase() + model.slice(1)
  ]!;
  if (await delegate.findUnique({ where: { [column]: value }, select: { id: true } }))
    throw apiError(ErrorCode.CONFLICT, `${field}: ${message}`, { field });
}
