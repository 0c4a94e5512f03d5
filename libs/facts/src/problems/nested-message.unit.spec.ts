import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PackageBuildDto } from '../package-build/package-build.dto';
import { fieldProblems, pipeProblems } from './problem-list';

const badBuild = {
  package: 'katcomp', version: '1.4.0', repository: 'r', sha: 'a'.repeat(40), outcome: 'passed', finishedAt: '2026-11-24T08:20:00Z',
  artifact: { filename: 'x y', sha256: 'x' }, builtAgainst: [{ package: '!', version: '1.0' }],
};
const errors = () => validateSync(plainToInstance(PackageBuildDto, badBuild), { whitelist: true, forbidNonWhitelisted: true });

describe('nested messages', () => {
  it('given nested fields whose messages name them from the top, then the pipe says the path once', () => {
    expect([...pipeProblems(errors())]).toEqual(
      expect.arrayContaining(['artifact.filename must be 1-300 characters without whitespace', 'artifact.sha256 must be 64 lowercase hex digits', 'builtAgainst.0.package must be a Python package name']),
    );
  });

  it('given the same for validated(), then the path is said once there too', () => {
    expect([...fieldProblems(errors())]).toEqual(
      expect.arrayContaining(['artifact.filename must be 1-300 characters without whitespace', 'artifact.sha256 must be 64 lowercase hex digits', 'builtAgainst.0.package: package must be a Python package name']),
    );
  });
});
