import { runningVersions } from './running-versions';

const pinned = [
  { name: 'katcomp', version: '0.7.9' },
  { name: 'katobs', version: '0.6.1' },
];

describe('what runs on which node', () => {
  it('given no patches, then every package runs its pinned version on every node', () => {
    expect(runningVersions(pinned, ['cmc1', 'cmc2'], [])).toEqual([
      { name: 'katcomp', version: '0.7.9', nodes: ['cmc1', 'cmc2'] },
      { name: 'katobs', version: '0.6.1', nodes: ['cmc1', 'cmc2'] },
    ]);
  });

  it('given a patch on one of three nodes, then that node runs the patched version and the others the pinned one', () => {
    expect(runningVersions(pinned, ['cmc1', 'cmc2', 'cmc3'], [{ package: 'katobs', toVersion: '0.6.1.post1', nodes: ['cmc2'] }])).toEqual([
      { name: 'katcomp', version: '0.7.9', nodes: ['cmc1', 'cmc2', 'cmc3'] },
      { name: 'katobs', version: '0.6.1', nodes: ['cmc1', 'cmc3'] },
      { name: 'katobs', version: '0.6.1.post1', nodes: ['cmc2'] },
    ]);
  });

  it('given a patch on every node, then the package runs the patched version everywhere', () => {
    expect(runningVersions(pinned, ['cmc1', 'cmc2'], [{ package: 'katobs', toVersion: '0.6.2', nodes: ['cmc2', 'cmc1'] }])).toContainEqual({ name: 'katobs', version: '0.6.2', nodes: ['cmc1', 'cmc2'] });
  });

  it('given two patches of one package, then the later one wins on the nodes it touched', () => {
    const patches = [
      { package: 'katobs', toVersion: '0.6.2', nodes: ['cmc1', 'cmc2'] },
      { package: 'katobs', toVersion: '0.6.3', nodes: ['cmc2'] },
    ];
    expect(runningVersions(pinned, ['cmc1', 'cmc2'], patches).filter((entry) => entry.name === 'katobs')).toEqual([
      { name: 'katobs', version: '0.6.2', nodes: ['cmc1'] },
      { name: 'katobs', version: '0.6.3', nodes: ['cmc2'] },
    ]);
  });

  it('given a patch of a package the pinned set lacks, on a node the deployment did not name, then both are shown', () => {
    expect(runningVersions(pinned, ['cmc1'], [{ package: 'redis', toVersion: '5.0.9', nodes: ['cmc9'] }])).toEqual([
      { name: 'katcomp', version: '0.7.9', nodes: ['cmc1'] },
      { name: 'katobs', version: '0.6.1', nodes: ['cmc1'] },
      { name: 'redis', version: '5.0.9', nodes: ['cmc9'] },
    ]);
  });
});
