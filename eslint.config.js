import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist*', 'node_modules', 'public', '.gpu-bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules for the TypeScript sources, with the types tsconfig.json gives them (plain
    // JavaScript, such as this file, is linted without types).
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The architecture: core is framework-free and never reaches up into training, state, plots or ui.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/training/**', '**/state/**', '**/ui/**', '**/plots/**', '**/cli/**'],
              message: 'core/ must not import from the layers above it.',
            },
            { group: ['react', 'react-dom', 'd3', 'd3-*'], message: 'core/ is framework-free.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/training/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/state/**', '**/ui/**', '**/plots/**', 'react', 'react-dom'],
              message: 'training/ sits below state/ and ui/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/plots/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/training/**', '**/state/**', '**/ui/**', 'react', 'react-dom'],
              message: 'plots/ see only d3 and core types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
