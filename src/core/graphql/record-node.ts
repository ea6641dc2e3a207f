// The node type of every record of the registry (src/core/db/models.ts), declared once: how it is read and
// how `node(id:)` finds it. A module declares only its fields.
import { liveWhere, type ModelName } from '../db/models.js';
import { builder } from './builder.js';

/**
 * A node read in Pothos' select mode: only the columns a query asks for, each field naming what it reads,
 * so a page of the timeline fetches a few columns per row instead of every one (a source's full text can
 * be a whole article, and a timeline cites sources on every event).
 */
export const selectedNode = { id: { field: 'id' }, select: { id: true } } as const;

/** `builder.prismaNode` for model `M` read in select mode (`selectedNode`). */
type SelectedNode<M extends ModelName> = typeof builder.prismaNode<
  M,
  [],
  unknown,
  (typeof selectedNode)['select']
>;

/**
 * The node type of a registered model: read in select mode, and found by `node(id:)` only while it is
 * live. `fields` declares what is particular to the model.
 */
export function recordNode<M extends ModelName>(
  model: M,
  fields: NonNullable<Parameters<SelectedNode<M>>[1]['fields']>,
) {
  const options = {
    ...selectedNode,
    // node(id:) answers null for records reads hide (soft-deleted, or part of a soft-deleted one), as for
    // unknown ids.
    findUnique: (id: string) => ({ id, ...liveWhere[model] }),
    nullable: true,
    fields,
  };
  // Pothos' node options are too deep for TypeScript to check against a generic model; the signature
  // above says what they are.
  return builder.prismaNode(model, options as never) as unknown as ReturnType<SelectedNode<M>>;
}
