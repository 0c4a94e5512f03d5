// ESLint for the TypeScript in apps/ (the web app's TSX too), libs/ and test/: typescript-eslint's recommended rules,
// type-checked. `npm run lint` is part of `npm test` and allows no warnings.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'deploy/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks what is taken apart only to leave it out (`const { token: _token, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // apps/web runs in the browser.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests read untyped JSON (HTTP bodies, Kafka messages, rows) and assert on its shape: the
    // assertion is the check there, so the rules against using `any` would only add casts.
    files: ['**/*.spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts', 'libs/event-store/src/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Deciders are objects of plain functions (`events.reduce(decider.evolve, ...)`) and the test
      // harness's `api.http` a property: neither uses `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Test doubles stand in for async ports and answer at once.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
