export * from './client-secret';
export * from './signing-keys';
export * from './token-codec';
