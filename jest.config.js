// Three projects: fast pure unit tests beside the code, e2e tests that boot the api on a real database
// (SQLite by default, MariaDB when DATABASE_URL says mysql://), and the e2e tests that also
// drive a browser. SWC compiles; `npm run typecheck` types.
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@hallq/contracts$': '<rootDir>/libs/contracts/src',
    '^@hallq/queue$': '<rootDir>/libs/queue/src',
    '^@hallq/queue/infrastructure$': '<rootDir>/libs/queue/src/infrastructure',
    '^@hallq/forecast$': '<rootDir>/libs/forecast/src',
  },
  // Nest 12 ships ES modules only; Jest on Node 20 cannot require() them, so SWC compiles them to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer)/)'],
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/api/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/apps/api/test/browser/'],
    },
    // Headless Chromium tests. Their globalSetup runs only when one of them is selected, and stops the run
    // with one line saying what to install when /usr/bin/chromium is missing.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/apps/api/test/browser/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/apps/api/test/support/browser-global-setup.ts',
    },
  ],
};
