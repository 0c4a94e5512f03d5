import { GateHandler } from './gate.query';
import { RecordAqfResultHandler } from './record-aqf-result.command';
import { RecordDeploymentHandler } from './record-deployment.command';
import { RecordFactHandler } from './record-fact.command';

export const CommandHandlers = [RecordFactHandler, RecordAqfResultHandler, RecordDeploymentHandler];
export const QueryHandlers = [GateHandler];

export * from './gate.query';
export * from './record-aqf-result.command';
export * from './record-deployment.command';
export * from './record-fact.command';
