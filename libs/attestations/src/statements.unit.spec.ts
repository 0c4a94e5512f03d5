import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PIPELINE } from '@provenance/domain';
import { canonicalJson } from '@provenance/signing';
import { DEMO_IMAGE, demoImageFacts, demoSiteView } from './demo-facts.fixture';
import { imageStatements } from './image-statements';
import { releasePolicyOf } from './release-verdict.statement';
import { runsWhereStatement } from './runs-where.statement';
import { Statement, statementBytes } from './statement';
import { statementProblems } from './statement-rules';

const policy = releasePolicyOf(DEFAULT_PIPELINE);
const GOLDEN = join(__dirname, 'golden');

/** The demo's statements by golden file name. */
function demoStatements(): Record<string, Statement> {
  const [image, ...rest] = imageStatements(demoImageFacts(), policy, DEMO_IMAGE);
  const builds = rest.filter((s) => (s.predicate.buildDefinition as { buildType?: string } | undefined)?.buildType?.endsWith('package-build/v1'));
  const results = rest.filter((s) => s.predicateType.includes('test-result'));
  const verdicts = rest.filter((s) => s.predicateType.includes('verification_summary'));
  return {
    'demo-image-provenance': image,
    'demo-package-build-katcomp': builds.find((s) => s.subject[0].name?.startsWith('katcomp-'))!,
    'demo-aqf-result-aqf-1': results[0],
    'demo-release-verdict': verdicts[0],
    'demo-runs-where-site': runsWhereStatement(demoSiteView(), [image, ...rest])!,
  };
}

/** The same value with every object's members in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, member]) => [key, reordered(member)]));
}

describe('statements from the demo\'s facts', () => {
  const statements = demoStatements();

  it.each(Object.keys(statements))('given the demo\'s facts, when %s is made, then it is the golden file', (name) => {
    const path = join(GOLDEN, `${name}.json`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, `${JSON.stringify(statements[name], null, 2)}\n`);

    const golden: unknown = JSON.parse(readFileSync(path, 'utf8'));

    expect(statements[name]).toEqual(golden);
    expect(statementBytes(statements[name]).toString()).toBe(canonicalJson(golden));
  });

  it('given the demo\'s facts, when every statement is made, then each keeps the in-toto Statement v1 and its predicate\'s field rules', () => {
    for (const [name, statement] of Object.entries(statements)) expect({ name, problems: statementProblems(statement) }).toEqual({ name, problems: [] });
  });

  it('given the demo\'s image, then one statement per kind of fact: provenance, 11 package builds, 2 AQF results, 1 verdict', () => {
    const kinds = imageStatements(demoImageFacts(), policy, DEMO_IMAGE).map((s) => (s.predicate.buildDefinition as { buildType?: string } | undefined)?.buildType ?? s.predicateType);

    expect(kinds.map((kind) => kind.split('/').slice(-2).join('/'))).toEqual([
      'bake-image/v1', ...Array(11).fill('package-build/v1'), 'test-result/v0.1', 'test-result/v0.1', 'verification_summary/v1',
    ]);
  });
});

describe('canonical statement bytes', () => {
  it('given the same facts with their members in another order, when the statements are made, then the bytes are the same', () => {
    const facts = demoImageFacts();
    const shuffled = reordered(facts) as typeof facts;

    const bytes = (f: typeof facts) => imageStatements(f, policy, DEMO_IMAGE).map((s) => statementBytes(s).toString('base64'));

    expect(bytes(shuffled)).toEqual(bytes(facts));
    expect(Object.keys(shuffled.image!)[0]).not.toBe(Object.keys(facts.image!)[0]);
  });

  it('given a statement with its members reordered, when serialised, then the bytes are the same', () => {
    const statement = demoStatements()['demo-image-provenance'];

    expect(statementBytes(reordered(statement) as Statement).equals(statementBytes(statement))).toBe(true);
  });
});
