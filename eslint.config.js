import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // scripts and plain-JS test fixtures run on Node
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', URL: 'readonly' } },
  },
  {
    // the packages run in browsers too: no Node built-ins outside apps and tests
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'Packages must stay browser-safe; Node built-ins belong in apps/.' }] }],
    },
  },
);
