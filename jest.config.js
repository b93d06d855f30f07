/** @type {import('jest').Config} */
module.exports = {
  // @swc/jest strips types only: `tsc --noEmit` (first in `npm test`) checks them once, instead of
  // ts-jest checking every suite again.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 180000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
