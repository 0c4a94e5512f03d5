import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PackageBuildDto } from '../package-build/package-build.dto';
import { LISTED_PROBLEMS, listedProblems, pipeProblems } from './problem-list';

const errorsOf = (value: object) => validateSync(plainToInstance(PackageBuildDto, value), { whitelist: true, forbidNonWhitelisted: true });

describe('the problems a 400 lists', () => {
  it('given a few problems, nested ones too, then each is listed as the validation pipe words it', () => {
    const problems = listedProblems(pipeProblems(errorsOf({ package: 'katcomp', version: '1 0', builtAgainst: [{ package: '' }], colour: 'blue' })));
    expect(problems).toEqual(expect.arrayContaining(['builtAgainst.0.package must be a Python package name', 'property colour should not exist']));
    expect(problems.length).toBeLessThanOrEqual(LISTED_PROBLEMS);
  });

  it('given more problems than are listed, then the first 100 and a count of the rest', () => {
    const problems = Array.from({ length: 250_000 }, (_, n) => `problem ${n}`);
    const listed = listedProblems(problems);
    expect(listed).toHaveLength(LISTED_PROBLEMS + 1);
    expect(listed.slice(0, 2)).toEqual(['problem 0', 'problem 1']);
    expect(listed[LISTED_PROBLEMS]).toBe('and 249900 more problems');
    expect(listedProblems(problems.slice(0, LISTED_PROBLEMS))).toHaveLength(LISTED_PROBLEMS);
  });
});
