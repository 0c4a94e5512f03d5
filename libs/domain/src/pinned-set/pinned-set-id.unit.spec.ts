import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalPinnedSet, pinnedSetIdOf } from './pinned-set-id';
import { parseRequirementsFile } from './requirements-file';

const A_HASH = `sha256:${'a'.repeat(64)}`;
const B_HASH = `sha256:${'b'.repeat(64)}`;
const C_HASH = `sha256:${'c'.repeat(64)}`;

const idOf = (text: string): string => pinnedSetIdOf(parseRequirementsFile(text).requirements);

const base = [
  '# header',
  `six==1.16.0 \\`,
  `    --hash=${A_HASH} \\`,
  `    --hash=${B_HASH}`,
  '    # via -r requirements.in',
  'uvicorn[standard]==0.17.0 ; python_version >= "3.8"',
  '    # via',
  '    #   -r requirements.in',
  '    #   fastapi',
].join('\n');

describe('pinned set id', () => {
  it('given two requirements, when made canonical, then keys are in the fixed order, names sorted and via left out', () => {
    expect(canonicalPinnedSet(parseRequirementsFile(base).requirements)).toBe(
      '[' +
        `{"name":"six","version":"1.16.0","extras":[],"marker":null,"url":null,"editable":false,"hashes":["${A_HASH}","${B_HASH}"]},` +
        '{"name":"uvicorn","version":"0.17.0","extras":["standard"],"marker":"python_version >= \\"3.8\\"","url":null,"editable":false,"hashes":[]}' +
        ']',
    );
  });

  it('given a known set, when its id is taken, then it is sha256: and the hex digest of the canonical text', () => {
    // Digest computed with Python's hashlib over the canonical text, not with this code.
    expect(canonicalPinnedSet(parseRequirementsFile('six==1.16.0\n').requirements)).toBe(
      '[{"name":"six","version":"1.16.0","extras":[],"marker":null,"url":null,"editable":false,"hashes":[]}]',
    );
    expect(idOf('six==1.16.0\n')).toBe('sha256:af0c7e1edc174618b7934957526c89ce024e62dc27b66208152455878d5b74b5');
  });

  it('given the same pins with other comments, via, order and hash order, when ids are taken, then they are equal', () => {
    const reshuffled = [
      '#',
      '# another header, another command line',
      '#',
      'uvicorn[standard]==0.17.0 ; python_version >= "3.8"    # via fastapi, -r other.in',
      '',
      `Six==1.16.0 --hash=${B_HASH} \\`,
      `    --hash=${A_HASH}`,
    ].join('\n');
    expect(idOf(reshuffled)).toBe(idOf(base));
  });

  it('given a real fixture, when requirements are reversed, hashes reversed and via dropped, then the id is unchanged', () => {
    const text = readFileSync(join(__dirname, '../../../../../shared/fixtures/requirements/pyca-cryptography_publish-requirements.txt'), 'utf8');
    const { requirements } = parseRequirementsFile(text);
    const shuffled = [...requirements].reverse().map((requirement) => ({ ...requirement, hashes: [...requirement.hashes].reverse(), via: [] }));
    expect(pinnedSetIdOf(shuffled)).toBe(pinnedSetIdOf(requirements));
  });

  it.each([
    ['a version', base.replace('six==1.16.0', 'six==1.16.1')],
    ['a hash', base.replace(`--hash=${B_HASH}`, `--hash=${C_HASH}`)],
    ['a hash removed', base.replace(` \\\n    --hash=${B_HASH}`, '')],
    ['an extra', base.replace('[standard]', '[standard,watch]')],
    ['a marker', base.replace('>= "3.8"', '>= "3.9"')],
    ['a requirement added', `${base}\nidna==3.7\n`],
  ])('given %s changed, when the id is taken, then it differs', (_, changed) => {
    expect(idOf(changed)).not.toBe(idOf(base));
  });

  it('given a pin turned into an editable URL, when the id is taken, then it differs', () => {
    expect(idOf('-e git+https://example.org/six.git@abc#egg=six==1.16.0\n')).not.toBe(idOf('git+https://example.org/six.git@abc#egg=six==1.16.0\n'));
  });
});
