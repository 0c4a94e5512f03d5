import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRequirementsFile } from './requirements-file';
import { EXPANDED_BYTES_PER_LINE, requirementsSizeOf } from './requirements-size';

const REAL_OUTPUTS = join(__dirname, '../../../../../shared/fixtures/requirements');

describe('the size of a requirements text, before parsing', () => {
  it('given each line ending, then lines are counted as the parser numbers them', () => {
    expect(requirementsSizeOf('a==1').lines).toBe(1);
    expect(requirementsSizeOf('a==1\nb==2\r\nc==3\rd==4\n').lines).toBe(5);
    expect(requirementsSizeOf('\r\n\r\n').lines).toBe(3);
  });

  it('given multi-byte characters, then expanded bytes count UTF-8 bytes plus the JSON around each line', () => {
    expect(requirementsSizeOf('aé€😀').expandedBytes).toBe(1 + 2 + 3 + 4 + EXPANDED_BYTES_PER_LINE);
  });

  it('given more lines than asked about, then counting stops just past them', () => {
    expect(requirementsSizeOf('a\n'.repeat(1_000_000), 10).lines).toBe(11);
  });

  it('given the real pip-compile outputs, then the largest is a tenth of the default limits or less', () => {
    const sizes = readdirSync(REAL_OUTPUTS)
      .filter((file) => file.endsWith('.txt'))
      .map((file) => requirementsSizeOf(readFileSync(join(REAL_OUTPUTS, file), 'utf8')));
    expect(Math.max(...sizes.map((size) => size.lines)) * 10).toBeLessThanOrEqual(5_000);
    expect(Math.max(...sizes.map((size) => size.expandedBytes)) * 10).toBeLessThanOrEqual(1024 * 1024);
  });

  it('given a line pinned as the probe sent them, then the estimate covers what it becomes in the event', () => {
    const line = 'p-000001==1.0.0';
    const [requirement] = parseRequirementsFile(line).requirements;
    expect(requirementsSizeOf(line).expandedBytes).toBeGreaterThanOrEqual(JSON.stringify(requirement).length);
  });
});

describe('parsing stays linear', () => {
  const continued = (lines: number) => `a==1 ; ${Array.from({ length: lines }, () => 'python_version \\').join('\n')}\n"3"\n`;
  const fastestOf3 = (text: string) =>
    Math.min(
      ...[1, 2, 3].map(() => {
        const started = performance.now();
        expect(parseRequirementsFile(text).requirements).toHaveLength(1);
        return performance.now() - started;
      }),
    );

  it('given one requirement continued over 4x as many lines, then parsing takes about 4x as long, not 16x (grouping its words was quadratic)', () => {
    const shorter = fastestOf3(continued(10_000));
    const longer = fastestOf3(continued(40_000));
    expect(longer / shorter).toBeLessThan(10);
  });
});
