import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench-out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'Buffer', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'structuredClone'].map((g) => [g, 'readonly']),
      ),
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The pure core: no I/O, no terminal, no validation library. Type-only imports of schema types are allowed.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'stream', 'child_process'], message: 'src/core is pure: no Node I/O.' },
            { group: ['chalk', 'commander', 'cli-table3', 'udsv', '../cli/*', '../io/*'], message: 'src/core is pure: no terminal or I/O code.' },
            { group: ['zod', '../schema/*'], message: 'src/core does not validate: import schema types with "import type".', allowTypeImports: true },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
  {
    // Layers run one way: schema -> core -> io -> cli. schema validates data; it knows no files and no terminal.
    files: ['src/schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', '../io/*', '../cli/*', 'chalk', 'commander', 'cli-table3'], message: 'src/schema validates data: no I/O, no terminal code (layers: schema -> core -> io -> cli).' }] },
      ],
    },
  },
  {
    // io reads and writes files, streams and threads; it never imports the command layer.
    files: ['src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../cli/*', 'chalk', 'commander', 'cli-table3'], message: 'src/io is below the commands: no import from src/cli or terminal libraries (layers: schema -> core -> io -> cli).' }] },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']", message: 'Set process.exitCode in bin/; never process.exit().' },
      ],
    },
  },
);
