// A jest reporter: after a run, what was skipped and why, grouped by the reason the skipped
// block or test gives in its title ("... — skipped: <reason>"). A skip without a reason is
// listed as such, so it is noticed rather than counted. Plain JavaScript: jest loads reporters
// without transforming them.
const REASON = / — skipped: (.*)$/;

class SkipSummaryReporter {
  constructor() {
    this.skipped = new Map();
  }

  onTestResult(_test, result) {
    for (const assertion of result.testResults) {
      if (assertion.status !== 'pending' && assertion.status !== 'skipped') continue;
      const titles = [...assertion.ancestorTitles, assertion.title];
      const reason = titles.map((title) => REASON.exec(title)?.[1]).find(Boolean) ?? 'no reason given in its title';
      const file = result.testFilePath.slice(process.cwd().length + 1);
      const files = this.skipped.get(reason) ?? new Map();
      files.set(file, (files.get(file) ?? 0) + 1);
      this.skipped.set(reason, files);
    }
  }

  onRunComplete() {
    if (this.skipped.size === 0) return;
    const total = [...this.skipped.values()].reduce((sum, files) => sum + [...files.values()].reduce((a, b) => a + b, 0), 0);
    const lines = [`Skipped ${total} test${total === 1 ? '' : 's'}, and why:`];
    for (const [reason, files] of this.skipped) {
      lines.push(`  ${reason}`);
      for (const [file, count] of files) lines.push(`    ${count} in ${file}`);
    }
    process.stderr.write(`\n${lines.join('\n')}\n`);
  }
}

module.exports = SkipSummaryReporter;
