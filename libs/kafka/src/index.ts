export * from './kafka-settings';
export * from './stage-request.message';
export * from './cdevents/cdevents-to-facts';
export * from './cdevents/cdevent-mapping.error';
