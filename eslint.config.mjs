// Lint runs in CI (npm test). Type-aware rules are left to `tsc --noEmit`, which runs first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.zip', 'bench/.work/**', '.aws-sam/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // A spread argument pushes every element on the call stack: 40,000 rows in `Math.max(...widths)` or
    // `push(...events)` is a RangeError. The simulator's arrays grow with the user's template, so none is spread
    // into a call (loop, reduce or concat instead). Array and object literals (`[...a]`, `{...o}`) are fine.
    files: ['simulator/**/*.ts', 'src/kernel/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression > SpreadElement', message: 'no spread arguments in the simulator: an unbounded array overflows the call stack (use a loop)' },
        { selector: 'NewExpression > SpreadElement', message: 'no spread arguments in the simulator: an unbounded array overflows the call stack (use a loop)' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
