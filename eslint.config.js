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
    // The bottom layer: values (money, dates, HTS codes, issues) import nothing of the project and no library.
    files: ['src/values/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*', 'node:*', 'zod', 'chalk', 'commander', 'cli-table3', 'papaparse'], message: 'src/values is the bottom layer: it imports only other values (layers: values -> schema -> core -> io -> cli).' }] },
      ],
      'no-restricted-globals': ['error', 'process', 'console', 'Buffer'],
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
      'no-restricted-globals': ['error', 'process', 'console', 'Buffer'],
    },
  },
  {
    // Layers run one way: values -> schema -> core -> io -> cli. schema validates data; it knows no files and no terminal.
    files: ['src/schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', '../core/*', '../io/*', '../cli/*', 'chalk', 'commander', 'cli-table3'], message: 'src/schema validates data: it imports values only, no core, no I/O, no terminal code (layers: values -> schema -> core -> io -> cli).' }] },
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
    // Inside the shell, render turns records into text or bytes: it knows no command and not the program.
    files: ['src/cli/render/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/commands/*', '**/main.js', '**/program.js', '**/in-memory.js'], message: 'src/cli/render is below the commands: no import from src/cli/commands or the program (commands -> render -> shell).' }] },
      ],
    },
  },
  {
    // The shell's own modules (colour, progress, options, input...) serve commands and render; only the program loads
    // commands, and lazily (dynamic import(), which this rule does not see).
    files: ['src/cli/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./commands/*'], message: 'src/cli: the shell loads commands lazily (await import()) and never imports them statically.' }] },
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
