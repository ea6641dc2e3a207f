// Loads every domain's types into the builder and returns the executable schema.
import './scalars.js';
import './enums.js';
import '../event/event.schema.js';
import '../participant/participant.schema.js';
import '../participant/remark.schema.js';
import '../agreement/agreement.schema.js';
import '../source/source.schema.js';
import '../source/conflict.schema.js';
import '../relationship/relationship.schema.js';
import '../search/search.schema.js';
import { builder } from './builder.js';

export const schema = builder.toSchema({ sortSchema: true });
