export * from './persistence.module';
export * from './schemas/application.schema';
export * from './schemas/device.schema';
export * from './schemas/device-session.schema';
export * from './schemas/recommendation.schema';
export * from './schemas/tenant.schema';
export * from './bulk-write';
export * from './ended-sessions';
