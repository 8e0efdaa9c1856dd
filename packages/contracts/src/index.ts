export * from './profile.ts';
export * from './events.ts';
export * from './metrics.ts';
export * from './protocol.ts';
