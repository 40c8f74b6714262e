export * from './health.module';
export * from './health.registry';
export * from './logger.module';
