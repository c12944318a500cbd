// Lint for the whole project: typescript-eslint's recommended rules, and the architecture's one real
// axis as a rule: only the extension's entry, command and UI modules may import `vscode`, and unit tests
// (plain Node) import none of them.
import tseslint from 'typescript-eslint';

const VSCODE_ONLY_IN = ['extension/src/extension.ts', 'extension/src/**/*.command.ts', 'extension/src/**/*.ui.ts'];

/** Neither vscode nor, other than for types, a command or UI module (which may import it). */
const pureOnly = (message) => [
  'error',
  {
    paths: [{ name: 'vscode', message }],
    patterns: [
      { regex: '\\.(command|ui)(\\.ts)?$', allowTypeImports: true, message: `${message} (a command or UI module, for its types only)` },
    ],
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'out/**', 'test-results/**', '.wrangler/**', 'edge/openapi/documents.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // Tests read JSON of shapes they are checking, and cast it where a type would only restate the check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The OpenAPI document is JSON built from the contract and adapted in place, and the Chime client reads
    // an operation's JSON answer field by field before its schema checks it.
    files: ['edge/openapi/**/*.ts', 'edge/chime/client.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Hono's c.var builds a fresh object of every variable at each read; c.get is one lookup.
    files: ['edge/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='var']", message: "Read the request's context with c.get()." },
      ],
    },
  },
  {
    files: ['extension/src/**/*.ts'],
    ignores: VSCODE_ONLY_IN,
    rules: {
      'no-restricted-imports': pureOnly(
        'Only extension.ts, *.command.ts and *.ui.ts modules may import vscode (extension/README.md, Architecture).',
      ),
    },
  },
  {
    // Unit tests run in plain Node: what needs VS Code is tested in the extension host (test/extension/host).
    files: ['test/extension/unit/**/*.ts', 'test/unit/**/*.ts'],
    rules: { 'no-restricted-imports': pureOnly('Unit tests run without VS Code: test what needs it in test/extension/host.') },
  },
);
