// Lint: the whole tree for a few mistakes the compiler lets through, and workflow code for what
// breaks determinism (rule 3 of the house): no Node built-ins, no I/O libraries, no host clocks or
// randomness outside the workflow API (@temporalio/workflow replaces Date and Math.random itself).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tools/**', '.data/**', '.data-*/**', 'coverage/**', 'test/histories/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    // Some tests carry disable comments for rules this config does not (yet) turn on.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      'no-dupe-keys': 'error',
      'no-unsafe-finally': 'error',
      'no-self-compare': 'error',
      '@typescript-eslint/no-misused-new': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts', 'test/diverged-workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'workflow code runs in a deterministic sandbox: no Node built-ins (use an activity)',
              allowTypeImports: true,
            })),
            ...['pg', '@temporalio/activity', '@temporalio/client', '@temporalio/worker', 'express', 'jose'].map((name) => ({
              name,
              message: 'workflow code does no I/O: call an activity',
              allowTypeImports: true,
            })),
            {
              name: 'zod',
              message: 'validate in the API or an activity: zod in the workflow bundle is instantiated again by every cached workflow',
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ['**/db/*', '**/api/*', '**/infra/*', '../activities', '../activities/*', '../../activities', '../../activities/*'],
              message: 'workflow code does no I/O: call an activity (type imports are fine)',
              allowTypeImports: true,
            },
            {
              // The domain modules that hold zod schemas: import their zod-free halves (application-core,
              // referral-kinds, temporary-eligibility); type imports are erased and fine.
              group: ['**/domain/application', '**/domain/referral', '**/domain/temporary', '**/domain/text-fields', '**/domain/policy'],
              message: 'this domain module carries zod schemas: import its zod-free half (e.g. domain/application-core) in workflow code',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'fetch',
          'performance',
          'crypto',
          'Buffer',
          'setImmediate',
          'require',
          'WeakRef',
          'FinalizationRegistry',
          'XMLHttpRequest',
        ].map((name) => ({
          name,
          message: `${name} is host state or I/O: not in workflow code (use the workflow API or an activity)`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'crypto', property: 'randomUUID', message: 'use uuid4() from @temporalio/workflow' },
        { object: 'performance', property: 'now', message: "host time: use Date.now() (the SDK's) or workflowInfo()" },
      ],
    },
  },
);
