export * from './persistence.module';
export * from './schemas/application.schema';
export * from './schemas/device.schema';
export * from './schemas/device-session.schema';
export * from './schemas/recommendation.schema';
export * from './schemas/tenant.schema';
export * from './schemas/rule.schema';
export * from './bulk-write';
