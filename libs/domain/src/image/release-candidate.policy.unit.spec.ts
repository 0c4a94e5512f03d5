import { fail2, pass1, pass2, run } from './aqf-runs.fixture';
import { candidacyOf } from './release-candidate.policy';

const verification = ['aqf-1', 'aqf-2'];

describe('release-candidate policy', () => {
  it('given no runs, then it is pending on every verification environment', () => {
    expect(candidacyOf([], verification)).toEqual({ verdict: 'pending', waitingFor: ['aqf-1', 'aqf-2'] });
  });

  it('given a pass in aqf-1 only, then it is pending on aqf-2', () => {
    expect(candidacyOf([pass1], verification)).toEqual({ verdict: 'pending', waitingFor: ['aqf-2'] });
  });

  it('given passes in aqf-1 and aqf-2, then it is a candidate justified by both, in environment order', () => {
    expect(candidacyOf([pass2, pass1], verification)).toEqual({ verdict: 'candidate', justifiedBy: [pass1, pass2] });
  });

  it('given several passes in aqf-1, then the latest completed one justifies it', () => {
    const later1 = run('aqf-1-2026-11-25-0008', 'aqf-1', 'passed', '2026-11-25T10:05:00Z');
    expect(candidacyOf([later1, pass1, pass2], verification)).toEqual({ verdict: 'candidate', justifiedBy: [later1, pass2] });
  });

  it('given two aqf-1 passes completed at the same moment, then the tie is broken on runId', () => {
    const twin = run('aqf-1-2026-11-25-0010', 'aqf-1', 'passed', pass1.completedAt);
    expect(candidacyOf([twin, pass1, pass2], verification)).toEqual({ verdict: 'candidate', justifiedBy: [twin, pass2] });
  });

  it('given a failure in aqf-2, then it is rejected naming the run', () => {
    expect(candidacyOf([pass1, fail2], verification)).toEqual({
      verdict: 'rejected',
      failedRun: fail2,
      reason: 'AQF run aqf-2-2026-11-25-0005 in aqf-2 failed',
    });
  });

  it('given a run in aqf-1 that ended in error, then it is rejected', () => {
    const error1 = run('aqf-1-2026-11-25-0009', 'aqf-1', 'error', '2026-11-25T10:40:00Z');
    expect(candidacyOf([error1, pass2], verification)).toMatchObject({
      verdict: 'rejected',
      reason: 'AQF run aqf-1-2026-11-25-0009 in aqf-1 ended in error',
    });
  });

  it('given a failure in aqf-2 and a later pass there, then it stays rejected', () => {
    const later2 = run('aqf-2-2026-11-25-0006', 'aqf-2', 'passed', '2026-11-25T12:00:00Z');
    expect(candidacyOf([pass1, fail2, later2], verification)).toMatchObject({ verdict: 'rejected', failedRun: fail2 });
  });

  it('given a failure on site, then it does not count', () => {
    const siteFailure = run('site-2026-11-25-0001', 'site', 'failed', '2026-11-25T10:00:00Z');
    expect(candidacyOf([pass1, siteFailure, pass2], verification)).toEqual({ verdict: 'candidate', justifiedBy: [pass1, pass2] });
  });

  it('given a pass on site instead of aqf-2, then it is still pending on aqf-2', () => {
    const sitePass = run('site-2026-11-25-0002', 'site', 'passed', '2026-11-25T10:00:00Z');
    expect(candidacyOf([pass1, sitePass], verification)).toEqual({ verdict: 'pending', waitingFor: ['aqf-2'] });
  });

  it('given aqf-1 as the only verification environment, then a pass there is enough', () => {
    expect(candidacyOf([pass1], ['aqf-1'])).toEqual({ verdict: 'candidate', justifiedBy: [pass1] });
  });
});
