// Test fixtures invent their dates and places: the write path refuses a date or place that no citation
// pins and no basis explains (see PINNED_FIELDS in src/modules/source/basis.ts), so fixtures say what they are.
export const fixtureBasis = (...fields: string[]) =>
  fields.map((field) => ({
    field,
    basis: 'OUTSIDE_KNOWLEDGE' as const,
    note: `The test fixture’s own ${field}, not from a source.`,
  }));
