// Layer rules from DESIGN.md: apps -> libs/queue; apps/api -> libs/forecast; libs/forecast is pure.
module.exports = {
  forbidden: [
    {
      name: 'forecast-is-pure',
      comment: 'libs/forecast imports no Nest, no TypeORM, no database driver and nothing of libs/queue.',
      severity: 'error',
      from: { path: '^libs/forecast' },
      to: { path: '(node_modules/(@nestjs|typeorm|mysql2|better-sqlite3|socket\\.io))|^libs/queue' },
    },
    {
      name: 'queue-has-no-framework',
      comment: 'libs/queue holds domain rules and persistence, no Nest.',
      severity: 'error',
      from: { path: '^libs/queue' },
      to: { path: 'node_modules/@nestjs' },
    },
    {
      name: 'queue-picks-no-adapter',
      comment: 'Inside libs/queue nothing imports the infrastructure entry or the database adapters: the api hands '
        + 'the adapters to QueueService, so the use cases never ask which database they run on.',
      severity: 'error',
      from: { path: '^libs/queue/src/(?!infrastructure/)' },
      to: { path: '^libs/queue/src/infrastructure/(index|issuing-adapters)\\.ts$' },
    },
    {
      name: 'contracts-import-nothing',
      comment: 'libs/contracts is the wire contract both apps read: types and the error catalog, no imports.',
      severity: 'error',
      from: { path: '^libs/contracts' },
      to: { pathNot: '^libs/contracts' },
    },
    {
      name: 'display-reads-only-the-contract',
      comment: 'The pages share nothing with the api but the wire contract.',
      severity: 'error',
      from: { path: '^apps/display' },
      to: { path: '^(libs/(?!contracts/)|apps/(?!display/))' },
    },
    {
      name: 'api-services-leave-io-to-repositories',
      comment:
        'An apps/api service keeps the logic; its database access sits in a *.repository.ts beside it, named for its job, so the rules '
        + 'read without SQL and test with fakes (issue 16 item 2). Type-only imports count too.',
      severity: 'error',
      from: { path: '^apps/api/src/.+\\.service\\.ts$' },
      to: { path: 'node_modules/typeorm/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(libs|apps/api/src)' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist|/node_modules/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
