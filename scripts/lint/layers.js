// The layout's one rule, as an ESLint rule (in `npm run lint`): dependencies point one way.
//
//   src/core/      setup: may import only core and the generated Prisma client
//   src/modules/   domains: may import core and other modules
//   src/features/  export, import, GraphiQL: may import core and modules
//   src/*.ts       the composition root (app.ts, schema.ts, compiled-roots.ts, main.ts): may import anything
//
// Only relative imports can reach another layer (packages are not layers), so the rule resolves each
// relative specifier against the importing file; no module resolver is needed, which is why this is a
// few lines here rather than eslint-plugin-import's no-restricted-paths with a TypeScript resolver.
import path from 'node:path';

const SRC = path.join(import.meta.dirname, '..', '..', 'src');

/** The layer a file under src/ belongs to: core, modules, features, generated, or root. */
function layerOf(file) {
  const relative = path.relative(SRC, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return 'outside';
  const [first, ...rest] = relative.split(path.sep);
  return rest.length === 0 ? 'root' : first;
}

const ALLOWED = {
  core: ['core', 'generated'],
  modules: ['core', 'generated', 'modules'],
  features: ['core', 'generated', 'modules', 'features'],
};

const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Core never imports a module or feature; modules never import features (docs/architecture.md)',
    },
    messages: {
      wrongWay:
        '{{from}} may not import {{to}} ({{specifier}}): dependencies point one way (core ← modules ← features ← src/*.ts). Pass what core needs in from the composition root (src/app.ts).',
    },
    schema: [],
  },
  create(context) {
    const from = layerOf(context.filename);
    const allowed = ALLOWED[from];
    if (!allowed) return {};
    const check = (source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), source.value));
      if (!allowed.includes(to))
        context.report({
          node: source,
          messageId: 'wrongWay',
          data: {
            from: `src/${from}`,
            to:
              to === 'root' ? 'the composition root' : to === 'outside' ? 'files outside src/' : `src/${to}`,
            specifier: source.value,
          },
        });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { rules: { 'dependency-direction': rule } };
