export * from './topic-log.ts';
export * from './replica.ts';
