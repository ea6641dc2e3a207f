// The linter (`npm run lint`, with prettier --check and tsc): typescript-eslint, type-aware, for the code
// (a promise nobody awaits is an error that vanishes, and a write that may finish after its response);
// graphql-eslint for the printed schema and the documents under docs/examples, checked against it.
import graphql from '@graphql-eslint/eslint-plugin';
import tseslint from 'typescript-eslint';
import layers from './scripts/lint/layers.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'src/generated/',
      'tests/helpers/graphql-env.d.ts',
      'public/',
      'dist/',
      '.data/',
      'bench/results/',
      'src/features/graphiql/browser/',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    // Dependencies point one way: core ← modules ← features ← the composition root (scripts/lint/layers.js).
    files: ['src/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/dependency-direction': 'error' },
  },
  {
    files: ['schema.graphql'],
    languageOptions: { parser: graphql.parser },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      // Connections, edges, payloads and value types have no identity of their own (Relay's shapes).
      '@graphql-eslint/strict-id-in-types': 'off',
      // `Event.eventCode` is a published field name (the CAMEO event code), not a stutter to fix.
      '@graphql-eslint/no-typename-prefix': 'off',
    },
  },
  {
    files: ['docs/examples/*.graphql'],
    languageOptions: {
      parser: graphql.parser,
      parserOptions: { graphQLConfig: { schema: 'schema.graphql', documents: 'docs/examples/*.graphql' } },
    },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/operations-recommended'].rules,
      // The examples show what a page needs (README and GraphiQL print them); no client cache here
      // requires every object's id.
      '@graphql-eslint/require-selections': 'off',
    },
  },
);
