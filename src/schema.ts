// The composition root of the GraphQL schema: loads core's and every module's types into the builder, then
// builds the executable schema (core/graphql/build-schema.ts). The one place that names every module's types.
import './core/graphql/scalars.js';
import './core/graphql/enums.js';
import './modules/event/event.schema.js';
import './modules/event/codes/event-codes.schema.js';
import './modules/dyad/dyad.schema.js';
import './modules/participant/participant.schema.js';
import './modules/participant/remark.schema.js';
import './modules/agreement/agreement.schema.js';
import './modules/source/source.schema.js';
import './modules/source/conflict.schema.js';
import './modules/source/basis.schema.js';
import './modules/relationship/relationship.schema.js';
import './modules/search/search.schema.js';
import './core/write/mutation-support.js';
import './modules/event/event.mutations.js';
import './modules/participant/participant.mutations.js';
import './modules/participant/position.mutations.js';
import './modules/participant/remark.mutations.js';
import './modules/source/source.mutations.js';
import './modules/agreement/agreement.mutations.js';
import './core/auth/auth.schema.js';
import './modules/audit/audit.schema.js';
import './core/live/live.schema.js';
import { buildSchema } from './core/graphql/build-schema.js';

export const schema = buildSchema();
