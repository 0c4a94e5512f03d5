import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { ProjectionRunner, RebuildInProgress } from '@provenance/projections';

const CATCH_UP_MS = 5_000;

/** The read model, once it has applied every fact recorded before the question was asked. */
@Injectable()
export class FreshReadModel {
  constructor(
    private readonly projections: ProjectionRunner,
    @Inject(SQL_CONNECTION) private readonly connection: SqlConnection,
  ) {}

  async db(): Promise<SqlConnection> {
    try {
      await this.projections.caughtUp(CATCH_UP_MS);
    } catch (error) {
      const message = error instanceof RebuildInProgress ? error.message : `${(error as Error).message}; the read model is behind the log, try again shortly`;
      throw new ServiceUnavailableException(message);
    }
    return this.connection;
  }
}
