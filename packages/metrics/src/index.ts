export * from './catalogue.ts';
export * from './observe.ts';
export * from './evaluate.ts';
