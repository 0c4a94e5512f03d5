// One jest project per test tier (STYLE.md habit 7): the tier is in the file name.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@provenance/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  rootDir: __dirname,
};

module.exports = {
  // A global option: jest ignores testTimeout inside a project's own config.
  testTimeout: 30_000,
  testSequencer: '<rootDir>/test/support/tiers-in-order-sequencer.js',
  reporters: ['default', '<rootDir>/test/support/skip-summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'], slowTestThreshold: 60 },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Every answer an end-to-end test receives is checked against the OpenAPI document.
      globalSetup: '<rootDir>/test/support/openapi-global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/answers-as-documented.setup.ts'],
    },
  ],
};
