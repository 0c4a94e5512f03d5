import { checkpointMessage } from './checkpoint-publisher';

describe('checkpointMessage', () => {
  it('given a signed note, then the key is its origin line, the value the note as signed and the tree size a header', () => {
    const note = 'log.example/provenance\n42\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n\n— log.example/provenance AAAAAQ==\n';
    expect(checkpointMessage({ treeSize: 42, note })).toEqual({ key: 'log.example/provenance', value: note, headers: { 'tree-size': '42' } });
  });
});
