import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PinnedRequirement, parseRequirementsFile, RequirementsFile } from './requirements-file';

const FIXTURES = join(__dirname, '../../../../../shared/fixtures/requirements');

function parseFixture(file: string): RequirementsFile {
  return parseRequirementsFile(readFileSync(join(FIXTURES, file), 'utf8'));
}

function named(parsed: RequirementsFile, name: string): PinnedRequirement | undefined {
  return parsed.requirements.find((requirement) => requirement.name === name);
}

const hashCount = (parsed: RequirementsFile): number => parsed.requirements.reduce((sum, requirement) => sum + requirement.hashes.length, 0);

const pin = (fields: Partial<PinnedRequirement> & Pick<PinnedRequirement, 'name'>): PinnedRequirement => ({
  version: null,
  extras: [],
  marker: null,
  hashes: [],
  via: [],
  editable: false,
  url: null,
  ...fields,
});

describe('pip-compile requirements file: the real fixtures', () => {
  describe('given pyca/cryptography publish-requirements.txt (hashes, multi-line via)', () => {
    const parsed = parseFixture('pyca-cryptography_publish-requirements.txt');

    it('when parsed, then it holds 29 requirements, 240 hashes, no options and no unsafe footer', () => {
      expect(parsed.requirements).toHaveLength(29);
      expect(hashCount(parsed)).toBe(240);
      expect(parsed.indexUrl).toBeNull();
      expect(parsed.extraIndexUrls).toEqual([]);
      expect(parsed.unsafe).toEqual([]);
    });

    it('when parsed, then the first and last requirements carry their hashes and single-line via', () => {
      expect(parsed.requirements[0]).toEqual(
        pin({
          name: 'backports-tarfile',
          version: '1.1.1',
          hashes: [
            'sha256:73e0179647803d3726d82e76089d01d8549ceca9bace469953fcb4d97cf2d417',
            'sha256:9c2ef9696cb73374f7164e17fc761389393ca76777036f5aad42e8b93fcd8009',
          ],
          via: ['jaraco-context'],
        }),
      );
      expect(parsed.requirements[28]).toEqual(
        pin({
          name: 'zipp',
          version: '3.18.2',
          hashes: [
            'sha256:6278d9ddbcfb1f1089a88fde84481528b07b0e10474e09dcfe53dad4069fa059',
            'sha256:dce197b859eb796242b0622af1b8beb0a722d52aa2f57133ead08edd5bf5374e',
          ],
          via: ['importlib-metadata'],
        }),
      );
    });

    it('when parsed, then a multi-line via block keeps the -r entry verbatim and names the parents', () => {
      expect(named(parsed, 'requests')).toEqual(
        pin({
          name: 'requests',
          version: '2.31.0',
          hashes: [
            'sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f',
            'sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1',
          ],
          via: ['-r publish-requirements.in', 'requests-toolbelt', 'twine'],
        }),
      );
      expect(named(parsed, 'twine')?.via).toEqual(['-r publish-requirements.in']);
    });

    it('when parsed, then a long hash list is read whole and in file order', () => {
      const cffi = named(parsed, 'cffi');
      expect(cffi?.hashes).toHaveLength(52);
      expect(cffi?.hashes[0]).toBe('sha256:0c9ef6ff37e974b73c25eecc13952c55bceed9112be2d9d938ded8e856138bcc');
      expect(cffi?.hashes[51]).toBe('sha256:fcc8eb6d5902bb1cf6dc4f187ee3ea80a1eba0a89aba40a5cb20a5087d961357');
      expect(named(parsed, 'charset-normalizer')?.hashes).toHaveLength(90);
    });
  });

  describe('given SPHEREx doc-portal requirements/main.txt (old header, hashes, extras)', () => {
    const parsed = parseFixture('spherex-doc-portal_main.txt');

    it('when parsed, then it holds 26 requirements, 265 hashes and no unsafe footer', () => {
      expect(parsed.requirements).toHaveLength(26);
      expect(hashCount(parsed)).toBe(265);
      expect(parsed.unsafe).toEqual([]);
      expect(parsed.indexUrl).toBeNull();
    });

    it('when parsed, then the first requirement has its multi-line via', () => {
      expect(parsed.requirements[0]).toEqual(
        pin({
          name: 'anyio',
          version: '3.5.0',
          hashes: [
            'sha256:a0aeffe2fb1fdf374a8e4b471444f0f3ac4fb9f5a5b542b48824475e0042a5a6',
            'sha256:b5fa16c5ff93fa1046f2eeb5bbff2dad4d3514d6cda61d02816dba34fa8c3c2e',
          ],
          via: ['httpcore', 'starlette'],
        }),
      );
    });

    it('when parsed, then the last requirement has all 48 of its hashes', () => {
      const last = parsed.requirements[25];
      expect({ ...last, hashes: [] }).toEqual(pin({ name: 'websockets', version: '10.1', via: ['uvicorn'] }));
      expect(last.hashes).toHaveLength(48);
      expect(last.hashes[0]).toBe('sha256:002071169d2e44ce8eb9e5ebac9fbce142ba4b5146eef1cfb16b177a27662657');
      expect(last.hashes[47]).toBe('sha256:e4819c6fb4f336fd5388372cb556b1f3a165f3f68e66913d1a2fc1de55dc6f58');
    });

    it('when parsed, then extras are split off the name', () => {
      expect(named(parsed, 'uvicorn')).toEqual(
        pin({
          name: 'uvicorn',
          version: '0.17.0',
          extras: ['standard'],
          hashes: [
            'sha256:0b89c91bb8fe84c4bded9996af13c4b8c0de799d29bffeaa0c8ad298f2be0934',
            'sha256:192c2422b056a3beb512c6c260bf77a7a884204a4ae41856719c1913ead63bbb',
          ],
          via: ['-r requirements/main.in'],
        }),
      );
      expect(named(parsed, 'rfc3986')).toEqual(
        pin({
          name: 'rfc3986',
          version: '1.5.0',
          extras: ['idna2008'],
          hashes: [
            'sha256:270aaf10d87d0d4e095063c65bf3ddbc6ee3d0b226328ce21e036f946e421835',
            'sha256:a86d6e1f5b1dc238b218b012df0aa79409667bb209e58da56d0b94704e712a97',
          ],
          via: ['httpx'],
        }),
      );
    });

    it('when parsed, then a via block that starts with -r requirements/main.in keeps it verbatim', () => {
      expect(named(parsed, 'fastapi')).toEqual(
        pin({
          name: 'fastapi',
          version: '0.72.0',
          hashes: [
            'sha256:019ec52c00581bc055e6dfb621aaa9c2a56007c283839305412e1073a777eaf1',
            'sha256:7421a2f30e9ed1866874cff089733d4f9a0cd4f49b6ea3995c0de75e32bbb52f',
          ],
          via: ['-r requirements/main.in', 'safir'],
        }),
      );
      expect(named(parsed, 'pydantic')?.via).toEqual(['-r requirements/main.in', 'fastapi', 'safir']);
    });
  });

  describe('given edx-platform edx-sandbox/base.txt (old single-line via, VCS and local paths)', () => {
    const parsed = parseFixture('edx-platform_edx-sandbox_base.txt');

    it('when parsed, then it holds 27 requirements, no hashes, and setuptools in the unsafe footer', () => {
      expect(parsed.requirements).toHaveLength(27);
      expect(hashCount(parsed)).toBe(0);
      expect(parsed.unsafe).toEqual(['setuptools']);
    });

    it('when parsed, then bare local paths are requirements named after their last segment, with no version', () => {
      expect(parsed.requirements[0]).toEqual(pin({ name: 'sandbox-packages', url: 'common/lib/sandbox-packages' }));
      expect(parsed.requirements[1]).toEqual(pin({ name: 'symmath', url: 'common/lib/symmath' }));
    });

    it('when parsed, then a VCS line takes its name and version from #egg=name==version', () => {
      expect(named(parsed, 'calc')).toEqual(
        pin({
          name: 'calc',
          version: '0.4',
          url: 'git+https://github.com/edx/openedx-calc.git@e9b698c85ad1152002bc0868f475f153dce88952#egg=calc==0.4',
        }),
      );
      expect(named(parsed, 'chem')).toEqual(
        pin({
          name: 'chem',
          version: '1.0.0',
          url: 'git+https://github.com/edx/openedx-chem.git@ff4e3a03d3c7610e47a9af08eb648d8aabe2eb18#egg=chem==1.0.0',
        }),
      );
    });

    it('when parsed, then an inline "# via x" is the parent and a dotted name is normalised', () => {
      expect(parsed.requirements[2]).toEqual(pin({ name: 'backports-functools-lru-cache', version: '1.6.1', via: ['matplotlib'] }));
      expect(named(parsed, 'cycler')).toEqual(pin({ name: 'cycler', version: '0.10.0', via: ['matplotlib'] }));
      expect(named(parsed, 'matplotlib')).toEqual(pin({ name: 'matplotlib', version: '2.2.4' }));
      expect(parsed.requirements[26]).toEqual(pin({ name: 'sympy', version: '0.7.1' }));
    });
  });

  describe('given ansible-lint .config/requirements-lock.txt (no annotations, a marker)', () => {
    const parsed = parseFixture('ansible-lint_requirements-lock.txt');

    it('when parsed, then it holds 33 requirements and the two unsafe names of its footer', () => {
      expect(parsed.requirements).toHaveLength(33);
      expect(hashCount(parsed)).toBe(0);
      expect(parsed.unsafe).toEqual(['resolvelib', 'ruamel-yaml-clib']);
    });

    it('when parsed, then the first and last requirements are plain pins', () => {
      expect(parsed.requirements[0]).toEqual(pin({ name: 'ansible-compat', version: '24.6.1' }));
      expect(parsed.requirements[32]).toEqual(pin({ name: 'zipp', version: '3.19.2' }));
    });

    it('when parsed, then the environment marker is kept as written', () => {
      expect(named(parsed, 'wcmatch')).toEqual(pin({ name: 'wcmatch', version: '8.5.2', marker: 'python_version < "3.12"' }));
    });
  });
});
