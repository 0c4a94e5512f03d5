/**
 * The import rules this architecture relies on (docs/ARCHITECTURE.md "Boundaries"), checked by
 * `npm run check:boundaries` in `npm test`. A broken rule names the file, the import and the rule.
 */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-apps',
      comment: 'A lib is used by the apps; an app is never a lib\'s dependency. Move what both need into a lib.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-has-no-io',
      comment: 'libs/domain is the pure model: no Nest, no database, no Kafka, no files or sockets. Put I/O in an adapter behind a port.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['@nestjs', '(^|/)node_modules/(pg|pg-[^/]+|kafkajs|@electric-sql)/', '^(node:)?(fs|net|fs/promises|child_process|http|https|dgram|tls)$'] },
    },
    {
      name: 'domain-depends-on-no-lib',
      comment: 'libs/domain is the core every other lib builds on; it imports none of them.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/(?!domain/)' },
    },
    {
      name: 'attestations-have-no-io',
      comment: 'libs/attestations is pure: statements, envelopes and verification from values given to it. Reading keys, files and the read model is the apps\' work.',
      severity: 'error',
      from: { path: '^libs/attestations/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['@nestjs', '(^|/)node_modules/(pg|pg-[^/]+|kafkajs|@electric-sql)/', '^(node:)?(fs|net|fs/promises|child_process|http|https|dgram|tls)$'] },
    },
    {
      name: 'transparency-core-has-no-io',
      comment: 'libs/transparency is the pure core of the tamper-evident log (hashes, proofs, notes): no Nest, no database, no files. Its adapters live in libs/notary.',
      severity: 'error',
      from: { path: '^libs/transparency/', pathNot: '\\.(spec|fixture)\\.ts$' },
      to: { path: ['@nestjs', '(^|/)node_modules/(pg|pg-[^/]+|kafkajs|@electric-sql)/', '^(node:)?(fs|net|fs/promises|child_process|http|https|dgram|tls)$', '^libs/(?!transparency/|signing/)'] },
    },
    {
      name: 'no-circular',
      comment: 'Files import each other in one direction; a cycle means a piece belongs elsewhere.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-only-through-their-index',
      comment: 'Use a lib through `@provenance/<lib>` (its src/index.ts); export from the index what others need.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'apps-use-libs-through-their-index',
      comment: 'Use a lib through `@provenance/<lib>` (its src/index.ts); export from the index what others need.',
      severity: 'error',
      from: { path: '^(apps|test)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/[^/]+/src/index\\.ts$', '\\.fixture\\.ts$'] },
    },
    {
      name: 'fixtures-only-in-tests',
      comment: 'A `*.fixture.ts` is test data, left out of the build: only tests and other fixtures may import it.',
      severity: 'error',
      from: { pathNot: ['\\.(spec|e2e-spec|fixture)\\.ts$', '^test/', '^libs/testing/', '/contract/'] },
      to: { path: '\\.fixture\\.ts$' },
    },
    {
      name: 'web-stands-alone',
      comment: 'apps/web is bundled for the browser: it talks to the API over HTTP with the client generated from the OpenAPI document, and imports neither libs nor the other apps nor Node built-ins.',
      severity: 'error',
      from: { path: '^apps/web/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['^libs/', '^apps/(?!web/)', '^(node:)?(fs|net|fs/promises|child_process|http|https|path|crypto|os)$'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing: a typo, or a package missing from package.json.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.json', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
