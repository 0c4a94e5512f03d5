import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import type { ProvenanceConfig } from '@provenance/config';
import { SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import type { FollowerContext } from './follower-context';
import { thisProcess } from './holder';

export const FOLLOWER_CONTEXT = Symbol('FollowerContext');

/** The leases and checkpoints every follower of the log in this process shares; needs the EventStoreModule. */
@Global()
@Module({})
export class FollowersModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    return {
      module: FollowersModule,
      providers: [
        {
          provide: FOLLOWER_CONTEXT,
          useFactory: (connection: SqlConnection): FollowerContext => {
            const logger = new Logger('followers');
            return {
              connection,
              schema: config.PROVENANCE_SCHEMA,
              holder: thisProcess(),
              leaseTimeoutMs: config.PROVENANCE_LEASE_TIMEOUT,
              log: { log: (message) => logger.log(message), error: (message) => logger.error(message) },
            };
          },
          inject: [SQL_CONNECTION],
        },
      ],
      exports: [FOLLOWER_CONTEXT],
    };
  }
}
