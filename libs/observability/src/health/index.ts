// A separate entry point, because @nestjs/terminus ships only ES modules: Node 20.19 loads them
// from CommonJS, jest's module runtime does not, so code that tests import must not reach them.
export * from './health.controller';
export * from './health.module';
export * from './health-summary';
