export * from './saga';
export * from './pipeline.commands';
export * from './pipeline.sagas';
export * from './saga-runner';
export * from './deadline-watch';
export * from './pipeline-definition.token';
export * from './pipeline.module';
