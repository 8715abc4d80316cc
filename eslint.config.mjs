// Lint rules: typescript-eslint's recommended set over src and test, plus the purity boundary of src/core.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Every Node built-in, bare and with the node: prefix: src/core runs in a web worker too. */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*'].filter(
  (m) => !m.startsWith('_'),
);
/** Globals that exist only in Node or only in a browser page: src/core must not touch them. */
const hostGlobals = [
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'global',
  'window',
  'document',
  'navigator',
  'localStorage',
  'fetch',
  'XMLHttpRequest',
  'setImmediate',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'scratch/**',
      '.vscode-test*/**',
      'test-output/**',
      'test/fixtures/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', ...nodeBuiltins].map((name) => ({
            name,
            message: 'src/core stays pure: no vscode, no Node built-ins.',
          })),
          patterns: [{ group: ['node:*'], message: 'src/core stays pure: no Node built-ins.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...hostGlobals.map((name) => ({
          name,
          message: 'src/core stays pure: it runs in Node, a web worker and tests.',
        })),
      ],
    },
  },
  {
    // Hosts reach the engine through its facade (src/core/index.ts) and its plain-data types (src/core/api/) only.
    files: [
      'src/cli/**/*.ts',
      'src/worker/**/*.ts',
      'src/extension/**/*.ts',
      'src/protocol/**/*.ts',
      'src/webview/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)core/(?!api/)',
              message: 'Hosts import the engine through src/core (index.ts) or src/core/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/worker/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
);
