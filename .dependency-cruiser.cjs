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
