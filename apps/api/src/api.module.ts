import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { ProvenanceConfig } from '@provenance/config';
import { EventStoreModule } from '@provenance/event-store';
import { AuditController } from './audit/audit.controller';
import { EventStoreErrorFilter } from './event-store-error.filter';
import { HealthController } from './health/health.controller';

@Module({})
export class ApiModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [EventStoreModule.forRoot(config)],
      controllers: [HealthController, AuditController],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }),
        },
        { provide: APP_FILTER, useClass: EventStoreErrorFilter },
      ],
    };
  }
}
