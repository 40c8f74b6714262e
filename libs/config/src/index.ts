export * from './environment';
export * from './infrastructure.settings';
export * from './settings.module';
