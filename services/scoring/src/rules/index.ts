export * from './action-facts';
export * from './compiled-rule';
export * from './evaluate-rules';
export * from './network-facts';
