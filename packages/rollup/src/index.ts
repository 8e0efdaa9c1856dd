export * from './aggregate.ts';
export * from './engine.ts';
