import { parseRequirementsFile, RequirementsSyntaxError } from './requirements-file';

function syntaxErrorOf(text: string): RequirementsSyntaxError {
  try {
    parseRequirementsFile(text);
  } catch (error) {
    if (error instanceof RequirementsSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a RequirementsSyntaxError');
}

const A_HASH = `sha256:${'a'.repeat(64)}`;
const B_HASH = `sha256:${'b'.repeat(64)}`;

describe('pip-compile requirements file: options and layouts', () => {
  it('given index options at the top, when parsed, then the index URLs are kept and pip-only options ignored', () => {
    const parsed = parseRequirementsFile(
      [
        '--index-url https://pypi.example.org/simple',
        '--extra-index-url https://one.example.org/simple',
        '--extra-index-url=https://two.example.org/simple',
        '--trusted-host pypi.example.org',
        '--find-links https://wheels.example.org/',
        '--no-binary :all:',
        '--prefer-binary',
        '',
        'six==1.16.0',
      ].join('\n'),
    );
    expect(parsed.indexUrl).toBe('https://pypi.example.org/simple');
    expect(parsed.extraIndexUrls).toEqual(['https://one.example.org/simple', 'https://two.example.org/simple']);
    expect(parsed.requirements.map((requirement) => requirement.name)).toEqual(['six']);
  });

  it('given -i as the short index option, when parsed, then it is the index URL', () => {
    expect(parseRequirementsFile('-i https://pypi.example.org/simple\n').indexUrl).toBe('https://pypi.example.org/simple');
  });

  it('given CRLF line endings, when parsed, then hashes, markers and via read as with LF', () => {
    const lines = ['Foo_Bar.baz==1.0 ; sys_platform == "win32" \\', `    --hash=${A_HASH} \\`, `    --hash=${B_HASH}`, '    # via', '    #   -r req.in', '    #   Other.Pkg', ''];
    const crlf = parseRequirementsFile(lines.join('\r\n'));
    expect(crlf).toEqual(parseRequirementsFile(lines.join('\n')));
    expect(crlf.requirements).toEqual([
      {
        name: 'foo-bar-baz',
        version: '1.0',
        extras: [],
        marker: 'sys_platform == "win32"',
        hashes: [A_HASH, B_HASH],
        via: ['-r req.in', 'other-pkg'],
        editable: false,
        url: null,
      },
    ]);
  });

  it('given an -e line, when parsed, then it is an editable requirement named by its egg', () => {
    const parsed = parseRequirementsFile('-e git+https://example.org/repo.git@0123abc#egg=My_Tool\n--editable ./libs/other\n');
    expect(parsed.requirements).toEqual([
      { name: 'my-tool', version: null, extras: [], marker: null, hashes: [], via: [], editable: true, url: 'git+https://example.org/repo.git@0123abc#egg=My_Tool' },
      { name: 'other', version: null, extras: [], marker: null, hashes: [], via: [], editable: true, url: './libs/other' },
    ]);
  });

  it('given a PEP 508 direct reference, when parsed, then the name is its own and the URL kept', () => {
    const [requirement] = parseRequirementsFile('tool[cli] @ https://example.org/tool-1.0.tar.gz ; python_version >= "3.9"\n').requirements;
    expect(requirement).toMatchObject({ name: 'tool', version: null, extras: ['cli'], url: 'https://example.org/tool-1.0.tar.gz', marker: 'python_version >= "3.9"' });
  });

  it('given old pip-compile hashes ending in "\\" before their # via line, when parsed, then the via still attaches', () => {
    const parsed = parseRequirementsFile(`six==1.15.0 \\\n    --hash=${A_HASH} \\\n    # via foo, -r base.in\nidna==2.0\n`);
    expect(parsed.requirements[0]).toMatchObject({ name: 'six', hashes: [A_HASH], via: ['foo', '-r base.in'] });
    expect(parsed.requirements[1]).toMatchObject({ name: 'idna', version: '2.0', via: [] });
  });

  it('given ===, several extras and a space-separated --hash, when parsed, then each is read', () => {
    const [requirement] = parseRequirementsFile(`Pkg[Zeta,alpha_one]===1.0-weird --hash ${A_HASH}\n`).requirements;
    expect(requirement).toMatchObject({ name: 'pkg', version: '1.0-weird', extras: ['alpha-one', 'zeta'], hashes: [A_HASH] });
  });

  it('given the hashed unsafe WARNING footer, when parsed, then the commented names are unsafe', () => {
    const parsed = parseRequirementsFile(
      [
        'six==1.16.0',
        '',
        '# WARNING: The following packages were not pinned, but pip requires them to be',
        '# pinned when the requirements file includes hashes and the requirement is not',
        '# satisfied by a package already installed. Consider using the --allow-unsafe flag.',
        '# setuptools',
        '# Pip',
      ].join('\n'),
    );
    expect(parsed.unsafe).toEqual(['setuptools', 'pip']);
  });

  it('given no text, when parsed, then the file is empty', () => {
    expect(parseRequirementsFile('')).toEqual({ requirements: [], indexUrl: null, extraIndexUrls: [], unsafe: [] });
  });
});

describe('pip-compile requirements file: malformed lines', () => {
  const cases: [string, string, number, string][] = [
    ['a single "="', '# header\nrequests=2.0\n', 2, `'=' is not a version operator: a pinned set needs exactly one ==<version>`],
    ['no package name', 'six==1.0\n==1.0\n', 2, `expected a package name at the start of '==1.0'`],
    ['a --hash with no requirement before it', `six==1.0\n    --hash=${A_HASH}\n`, 2, `'--hash=${A_HASH}' has no requirement before it`],
    ['an unterminated extras bracket', 'uvicorn[standard==0.17.0\n', 1, `unterminated extras bracket in 'uvicorn[standard==0.17.0'`],
    ['an unpinned >= requirement', '\n\nrequests>=2\n', 3, `'>=2' does not pin a version: a pinned set needs exactly one ==<version>`],
    ['a bare name', 'requests\n', 1, `'requests' has no version: a pinned set needs exactly one ==<version>`],
    ['two specifiers', 'requests==2.0,<3\n', 1, `'==2.0,<3' has more than one version specifier: a pinned set needs exactly one ==<version>`],
    ['a wildcard pin', 'requests==2.*\n', 1, `'==2.*' is a wildcard, not a pin: a pinned set needs exactly one ==<version>`],
    ['an unknown option', '--index-url https://x.example/simple\n--frobnicate yes\n', 2, `unknown option '--frobnicate'`],
    ['a nested requirements file', '-r base.txt\n', 1, `unknown option '-r'`],
    ['an option with no value', '--extra-index-url\n', 1, `'--extra-index-url' needs a value`],
    ['a second index URL', '-i https://a.example/simple\n--index-url https://b.example/simple\n', 2, `a second '--index-url' (a file has one index URL)`],
    ['a malformed hash', `six==1.0 \\\n    --hash=sha256:abc\n`, 2, `malformed hash 'sha256:abc' (expected sha256:, sha384: or sha512: and its hex digest)`],
    ['an option other than --hash after a requirement', 'six==1.0 --global-option=x\n', 1, `unexpected '--global-option=x' after a requirement (only --hash may follow one)`],
    ['a marker with nothing after ";"', 'six==1.0 ;\n', 1, `';' is not followed by an environment marker`],
    ['a VCS URL without #egg=', 'git+https://example.org/repo.git@abc\n', 1, `cannot tell which package 'git+https://example.org/repo.git@abc' is: it has no '#egg=<name>'`],
    ['-e with a plain name', '-e requests\n', 1, `'requests' has no version: a pinned set needs exactly one ==<version>`],
    ['-e with a pinned name', 'six==1.0\n-e requests==2.0\n', 2, `'-e' needs a URL or a path, not 'requests'`],
    ['an arbitrary === version with a bidi control', 'six==1.0\nkatcomp===1.4\u202e0\n', 2, `the version of 'katcomp' must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character 4)`],
    ['a location with a zero-width space', 'katcomp @ https://example.org/katcomp\u200b.whl\n', 1, `the location must not contain U+200B ZERO WIDTH SPACE (character 28)`],
  ];

  it.each(cases)('given %s, when parsed, then the error names the line and the reason', (_, text, line, reason) => {
    const error = syntaxErrorOf(text);
    expect({ line: error.line, reason: error.reason }).toEqual({ line, reason });
    expect(error.message).toBe(`line ${line}: ${reason}`);
  });

  it('given the same package twice under different spellings, when parsed, then the error names both lines', () => {
    const error = syntaxErrorOf('# header\nfoo-bar==1.0\nsix==1.16.0\nFoo_Bar==1.0\n');
    expect(error.line).toBe(4);
    expect(error.reason).toBe(`duplicate requirement 'foo-bar' (first given on line 2)`);
  });

  it('given an error on a CRLF file, when parsed, then the line number counts CRLF as one line end', () => {
    expect(syntaxErrorOf('six==1.0\r\n\r\nrequests>=2\r\n').line).toBe(3);
  });
});
