export * from './access-token.cache';
export * from './backend.client';
export * from './client.types';
export * from './device.client';
export * from './http.transport';
export * from './vigil-api.error';
export * from './wire.mapping';
export * from './wire.types';
