// Documents typed from the schema: `graphql(…)` checks a test's query against schema.graphql when the
// tests are type-checked, and gives its answer's type (`ResultOf`), so a test reads `res.data` with the
// schema's types instead of `any`. The types come from `tests/helpers/graphql-env.d.ts`, which
// `npm run generate` writes from schema.graphql (gql.tada; not committed).
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  // A fragment shares a selection between a test's documents; its fields read as if written in place.
  disableMasking: true;
  // The scalars as JSON carries them.
  scalars: { Date: string; DateTime: string; URL: string; CountryCode: string; JSON: unknown };
}>();

export type { ResultOf, VariablesOf, TadaDocumentNode } from 'gql.tada';
