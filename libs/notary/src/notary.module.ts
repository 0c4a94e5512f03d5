import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ProvenanceConfig } from '@provenance/config';
import { EVENT_STORE, EventStore, SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { FOLLOWER_CONTEXT, FollowerContext } from '@provenance/followers';
import { openLogSigner } from './log-key';
import type { LogSigner } from './log-signer';
import { Notary } from './notary';
import { TreeQueries } from './tree-queries';

export const LOG_SIGNER = Symbol('LogSigner');

/** The log's signer, if it has one: `{ signer: undefined }` when checkpoints are not signed. */
export interface LogSignerHolder {
  signer?: LogSigner;
}

@Injectable()
class NotaryLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(Notary) private readonly notary: Notary) {}

  onApplicationBootstrap(): Promise<void> {
    return this.notary.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.notary.stop();
  }
}

/** The tamper-evident log: the notary (a follower) and the tree's queries; needs the EventStoreModule and the FollowersModule. */
@Module({})
export class NotaryModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    return {
      module: NotaryModule,
      providers: [
        {
          provide: LOG_SIGNER,
          useFactory: async (): Promise<LogSignerHolder> => {
            const { signer, said, problem } = await openLogSigner(config);
            const logger = new Logger('log-notary');
            if (problem) logger.warn(said);
            else logger.log(said);
            return { signer };
          },
        },
        {
          provide: Notary,
          useFactory: (store: EventStore, context: FollowerContext, holder: LogSignerHolder) =>
            new Notary(store, context, { signer: holder.signer, intervalMs: config.PROVENANCE_CHECKPOINT_INTERVAL }),
          inject: [EVENT_STORE, FOLLOWER_CONTEXT, LOG_SIGNER],
        },
        {
          provide: TreeQueries,
          useFactory: (connection: SqlConnection, holder: LogSignerHolder) => new TreeQueries(connection, holder.signer),
          inject: [SQL_CONNECTION, LOG_SIGNER],
        },
        NotaryLifecycle,
      ],
      exports: [TreeQueries, LOG_SIGNER, Notary],
    };
  }
}
