import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is pure: it runs in Node, a Web Worker and the page alike.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'd3', 'd3-*'], message: 'src/engine must not depend on UI libraries.' },
          { group: ['**/ui/**', '**/cli/**'], message: 'src/engine must not import from the UI or the CLI.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/engine/*/**', '!**/engine/index'], message: 'Import the engine through src/engine/index.ts only.' }],
      }],
    },
  },
  {
    // Tests may also use the engine's test helpers (scenario folders read from disk).
    files: ['src/ui/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/engine/*/**', '!**/engine/index', '!**/engine/testing/**'], message: 'Import the engine through src/engine/index.ts (tests: or src/engine/testing) only.' }],
      }],
    },
  },
  {
    // No user-visible text written in JSX: it comes from the i18next catalogs (src/ui/i18n).
    // Checked: JSX text, and the attributes a person reads or hears. Allowed: tokens that are no
    // language (numbers, punctuation, arrows, units, key names, protocol field names).
    files: ['src/ui/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        mode: 'jsx-only',
        'jsx-attributes': { include: ['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'alt', 'placeholder', 'label'] },
        callees: { exclude: ['t', 'i18n(ext)?', 'useTranslation', 'fixedT', 'localize', 'renderMessage'] },
        words: {
          exclude: [
            // Numbers, punctuation, arrows, bullets and other symbols alone.
            /^[\s\d\p{P}\p{S}]*$/u,
            // The product's name.
            /^\s*Hopscope\s*$/,
          ],
        },
      }],
    },
  },
);
