// @ts-check
/**
 * Lint rules: typescript-eslint's type-checked recommendations (the stream and worker code is all
 * promises, so floating or misused ones are the bugs worth catching), plus exhaustive switches over
 * the protocol's unions. Formatting is Prettier's job, not the linter's.
 */
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-lib/**', 'test-results/**', 'playwright-report/**', 'node_modules/**'] },
  // Consumer projects of the packed package: checked by test/package/ against the tarball, not the sources.
  { ignores: ['test/package/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Hooks are async by contract (they return promises) even when an override has nothing to
      // await, and a default hook may be a generator that only throws.
      '@typescript-eslint/require-await': 'off',
      // Abort reasons are `unknown` by the platform's own typing; passing them on unchanged is right.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingUnknown: true, allowThrowingAny: true },
      ],
      'require-yield': 'off',
      // Sanitisers strip control characters on purpose.
      'no-control-regex': 'off',
      // A forward reference that a closure reads before the assignment is not a constant.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // pg is an optional peer dependency: only the chatkit-local/postgres entry may load it.
    files: ['src/**/*.ts'],
    ignores: ['src/postgres.ts', 'src/store/postgres/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'pg', message: 'Only chatkit-local/postgres (src/store/postgres) may import pg.' }] },
      ],
    },
  },
  // The page bundle stays small: the client entry may use the protocol's and the worker bridge's
  // types, but never loads server, store or protocol code at run time.
  clientOnly(['src/client.ts'], '^\\./(?!client/)'),
  clientOnly(['src/client/**/*.ts'], '^\\.\\./'),
  // The chat UI is page code too: at run time, its own modules, the client and two pure protocol
  // helpers (applying an item update, comparing JSON); never the server, the stores or the schemas.
  clientOnly(['src/ui.ts'], '^\\./(?!ui/)'),
  clientOnly(['src/ui/*.ts'], '^\\.\\./(?!client/|protocol/(item-update|same-json)\\.ts$)'),
  clientOnly(['src/ui/*/*.ts'], '^\\.\\./\\.\\./(?!client/|protocol/(item-update|same-json)\\.ts$)'),
  {
    // Tests read JSON off the wire and poke at it: `any` there is the point, not a leak.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Fakes reject and throw with whatever the code under test must cope with.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);

/** Forbids run-time imports matching `regex` in `files` (type-only imports stay allowed). */
function clientOnly(files, regex) {
  const message =
    'chatkit-local/client never loads server code at run time: import only types from outside src/client.';
  const patterns = [{ regex, allowTypeImports: true, message }];
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}
