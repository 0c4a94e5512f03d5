import type { FollowerStatus } from '@provenance/followers';
import { Command } from 'commander';
import type { Get, Print } from './query.commands';
import { table } from './table';

export function describeFollowers(followers: FollowerStatus[]): string {
  return table(
    ['follower', 'state', 'held by', 'since', 'lease', 'lag (events)', 'lag (s)', 'checkpoint'],
    followers.map((f) => [
      f.name,
      f.rebuildingSince ? `${f.state} (rebuilding since ${f.rebuildingSince})` : f.state,
      f.holder ? `${f.holder.host} pid ${f.holder.pid}` : 'nobody',
      f.holder?.since,
      f.holder ? `#${f.holder.generation}` : undefined,
      f.lag?.events,
      f.lag?.seconds,
      f.checkpoint ?? (f.lag ? 'start of the log' : undefined),
    ]),
  );
}

/** `provenance followers`: who does each piece of work that follows the log, and how far behind it is (admin role). */
export function followersCommand(get: Get, print: Print): Command {
  return new Command('followers')
    .description('the read models, sagas, Kafka publisher and deadline watch: which process holds each lease, its checkpoint and lag (admin role)')
    .action(async () => {
      const body = (await get('api/v1/admin/followers')) as { followers: FollowerStatus[] };
      print(body, () => describeFollowers(body.followers));
    });
}
