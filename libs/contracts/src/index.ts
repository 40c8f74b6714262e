import 'reflect-metadata';

export * from './attribute-map';
export * from './envelope';
export * from './errors';
export * from './events';
export * from './payloads';
export * from './topics';
export * from './validation';
export * from './omit-undefined';
export * from './risk-settings';
export * from './rule-format';
export * from './scored-attributes';
