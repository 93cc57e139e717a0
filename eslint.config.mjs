// Lint: typescript-eslint's recommended rules, plus the boundary that keeps core/ pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'util', 'events', 'stream'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test*/**', 'test-results/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode'], message: 'core/ must not import vscode: it runs in workers and the CLI too.' },
          { group: ['node:*', ...nodeBuiltins], message: 'core/ must not import Node built-ins: it runs in Web Workers too.' },
          { group: ['**/extension/**', '**/webview/**', '**/cli/**'], message: 'core/ depends on nothing above it.' },
        ],
      }],
    },
  },
  {
    // Functions the UI test hands to the page run in the browser.
    files: ['test/ui/**/*.mjs', 'scripts/bench-webview.mjs'],
    languageOptions: { globals: { document: 'readonly', getComputedStyle: 'readonly', window: 'readonly' } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly',
        Buffer: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly',
      },
    },
  },
);
