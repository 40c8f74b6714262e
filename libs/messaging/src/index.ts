export * from './batch-consumer';
export * from './dead-letter.publisher';
export * from './error-classification';
export * from './event-publisher';
export * from './kafka.factory';
export * from './messaging.module';
export * from './topic-provisioner';
