export * from './action-history';
export * from './assess-action';
export * from './history.store';
export * from './ip-reputation';
export * from './recommendation';
export * from './risk-config';
export * from './signals';
export * from './user-agent';
