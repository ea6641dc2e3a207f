// The field builder of the schema's object types, for helpers that declare fields several types share
// (each type spreads them into its own `fields`).
import type { builder } from './builder.js';

type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** What an object type's `fields: (t) => …` receives, for a parent of shape `Shape`. */
export type FieldBuilderOf<Shape> = PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Shape>;
