// Jest's own order (a suite that failed last time first, then the slowest, or without timings the
// largest file, first), except that every integration suite comes before any end-to-end one. When
// both tiers run in one jest run, the long integration suites (the PGlite contract suite takes
// minutes in a small file) then start early instead of last, and finish beside the e2e suites.
const Sequencer = require('@jest/test-sequencer').default;

const tierOf = (test) => (test.path.endsWith('.e2e-spec.ts') ? 1 : 0);

class TiersInOrder extends Sequencer {
  sort(tests) {
    return [...super.sort(tests)].sort((a, b) => tierOf(a) - tierOf(b));
  }
}

module.exports = TiersInOrder;
