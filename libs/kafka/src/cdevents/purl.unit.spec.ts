import { purlOf, sha256Of } from './purl';

const hex = '0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427';

describe('purl', () => {
  it('given an OCI purl, when it is read, then the digest version is decoded and is its sha256', () => {
    const purl = purlOf(`pkg:oci/myapp@sha256%3A${hex}?repository_url=mycr.io/myapp`);
    expect(purl).toEqual({ type: 'oci', name: 'myapp', version: `sha256:${hex}`, qualifiers: { repository_url: 'mycr.io/myapp' } });
    expect(sha256Of(purl!)).toBe(hex);
  });

  it('given a pypi purl with file name and checksums, when it is read, then the sha256 comes from the checksum list', () => {
    const purl = purlOf(`pkg:pypi/katcomp@1.4.2%2Blocal?file_name=katcomp-1.4.2%2Blocal.tar.gz&checksum=sha1:ad9503c3e994a4f611a4892f2e67ac82df727086,sha256:${hex}`);
    expect(purl).toMatchObject({ type: 'pypi', name: 'katcomp', version: '1.4.2+local', qualifiers: { file_name: 'katcomp-1.4.2+local.tar.gz' } });
    expect(sha256Of(purl!)).toBe(hex);
  });

  it('given a golang purl with a namespace and a commit version, when it is read, then it pins no sha256', () => {
    const purl = purlOf('pkg:golang/mygit.com/myorg/myapp@234fd47e07d1004f0aed9c');
    expect(purl).toEqual({ type: 'golang', namespace: 'mygit.com/myorg', name: 'myapp', version: '234fd47e07d1004f0aed9c', qualifiers: {} });
    expect(sha256Of(purl!)).toBeUndefined();
  });

  it.each(['mySubject123', 'pkg:', 'pkg:oci/', 'pkg:pypi/katcomp%zz@1.0'])('given %s, when it is read, then it is no purl', (text) => {
    expect(purlOf(text)).toBeUndefined();
  });
});
