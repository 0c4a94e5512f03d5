import { deciderSpec } from '@provenance/testing';
import { FanInEvent, fanInDecider, LeafBuild } from './fan-in.decider';
import { runIdOfRequest } from './request-id';

const LEAVES = ['katcomp', 'katobs', 'katportal'];
const build = (pkg: string, version: string, finishedAt: string): LeafBuild => ({ package: pkg, version, finishedAt });
const noted = (leaf: LeafBuild): FanInEvent => ({ type: 'LeafBuildNoted', data: leaf });
const spec = deciderSpec(fanInDecider);

const comp = build('katcomp', '1.0', '2026-11-25T08:00:00Z');
const obs = build('katobs', '2.0', '2026-11-25T08:05:00Z');
const portal = build('katportal', '3.0', '2026-11-25T08:10:00Z');

describe('fan-in of the leaf packages', () => {
  it('given two of three leaves built, when the third passes, then pinning is requested naming exactly the three builds', () => {
    const { decision } = spec.given([noted(comp), noted(obs)]).when({ type: 'NoteLeafBuild', build: portal, leafPackages: LEAVES });

    expect(decision).toMatchObject({
      outcome: 'record',
      events: [noted(portal), { type: 'PinningRequested', data: { builds: [comp, obs, portal] } }],
    });
  });

  it('given a pinning request, then the run it belongs to can be read off its id', () => {
    const { decision } = spec.given([noted(comp), noted(obs)]).when({ type: 'NoteLeafBuild', build: portal, leafPackages: LEAVES });
    const requested = decision.outcome === 'record' ? (decision.events[1].data as { requestId: string; runId: string }) : undefined;
    expect(runIdOfRequest(requested!.requestId)).toBe(requested!.runId);
    expect(runIdOfRequest('package-build-0123')).toBeUndefined();
  });

  it('given the same builds again (a replay), then the same run and request ids are derived', () => {
    const first = spec.given([noted(comp), noted(obs)]).when({ type: 'NoteLeafBuild', build: portal, leafPackages: LEAVES }).decision;
    const again = spec.given([noted(comp), noted(obs)]).when({ type: 'NoteLeafBuild', build: portal, leafPackages: LEAVES }).decision;
    expect(again).toEqual(first);
  });

  it('given a pinning requested, when a leaf is rebuilt newer, then pinning is requested again with the new build', () => {
    const first = spec.given([noted(comp), noted(obs)]).when({ type: 'NoteLeafBuild', build: portal, leafPackages: LEAVES }).decision;
    const history = first.outcome === 'record' ? first.events : [];
    const newer = build('katobs', '2.1', '2026-11-25T09:00:00Z');

    const { decision } = spec.given([noted(comp), noted(obs), ...history]).when({ type: 'NoteLeafBuild', build: newer, leafPackages: LEAVES });

    expect(decision).toMatchObject({ outcome: 'record', events: [noted(newer), { type: 'PinningRequested', data: { builds: [comp, newer, portal] } }] });
  });

  it('given a build that finished before the one noted, or a package that is no leaf, then nothing is recorded', () => {
    const older = build('katobs', '1.9', '2026-11-25T07:00:00Z');
    spec.given([noted(obs)]).when({ type: 'NoteLeafBuild', build: older, leafPackages: LEAVES }).then([]);
    spec.given([]).when({ type: 'NoteLeafBuild', build: build('katcore', '5.0', '2026-11-25T08:00:00Z'), leafPackages: LEAVES }).then([]);
  });

  it('given a leaf still missing, then its build is noted and no pinning is requested', () => {
    spec.given([noted(comp)]).when({ type: 'NoteLeafBuild', build: obs, leafPackages: LEAVES }).then([noted(obs)]);
  });
});
