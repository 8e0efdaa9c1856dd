export * from './topic-log.ts';
export * from './replica.ts';
export * from './wire.ts';
