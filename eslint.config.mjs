// Lint rules that catch what the type checker does not (issue 16): a promise nobody awaits or
// catches, a promise passed where a callback's result is ignored, and type-only imports written as
// value imports. Layer boundaries are enforced here too (docs/ARCHITECTURE.md, "Layers and import
// rules"): core imports nothing outside core (not even the shared catalogues' words), the
// catalogues import only core, app never imports an adapter, and an adapter never imports another
// adapter (they meet only through a port, wired in src/compose*.ts).
import tseslint from 'typescript-eslint';

/** Other adapters, however the path is written (`../mqtt/x.js` from a sibling adapter). */
const otherAdapters = (all, own) =>
  all
    .filter((a) => a !== own)
    .map((a) => ({
      group: [`**/adapters/${a}/**`, `../${a}/**`, `../../${a}/**`, `../../../${a}/**`],
      message: `an adapter never imports another adapter (src/adapters/${a}); go through a port (docs/ARCHITECTURE.md)`,
    }));
const ADAPTERS = ['hid', 'log', 'mqtt', 'printer', 'runtime', 'serialscanner', 'store', 'ui'];

const outside = (dirs) =>
  dirs.map((d) => ({
    group: [`**/${d}/**`, `../${d}/*`, `../../${d}/*`, `../../../${d}/*`],
    message: `this layer does not import from src/${d} (docs/ARCHITECTURE.md)`,
  }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.mjs', '**/*.js'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    // Some files disable no-explicit-any, which this config does not turn on (yet): not an error.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: outside(['ports', 'adapters', 'app', 'config', 'cli', 'backoffice', 'doctor', 'provision', 'demo', 'catalogues']) },
      ],
    },
  },
  // The shared catalogues are words over core's keys: they import core and nothing else.
  {
    files: ['src/catalogues/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: outside(['ports', 'adapters', 'app', 'config', 'cli', 'backoffice', 'doctor', 'provision', 'demo']) },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outside(['adapters', 'cli', 'doctor', 'provision', 'demo']) }] },
  },
  // Each adapter: no app (the TUI only through its port, src/app/AppServices.ts), no tools, no other adapter.
  ...ADAPTERS.map((a) => ({
    files: [`src/adapters/${a}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...outside(['cli', 'doctor', 'provision', 'demo', 'backoffice']),
            ...otherAdapters(ADAPTERS, a),
            a === 'ui'
              ? {
                  group: ['**/app/**', '!**/app/AppServices.js'],
                  message: 'the TUI reaches the app only through src/app/AppServices.ts (docs/ARCHITECTURE.md)',
                }
              : { group: ['**/app/**'], message: 'an adapter does not import from src/app (docs/ARCHITECTURE.md)' },
          ],
        },
      ],
    },
  })),
);
