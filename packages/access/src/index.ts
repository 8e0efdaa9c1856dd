export * from './permissions.ts';
export * from './topics.ts';
export * from './throttle.ts';
