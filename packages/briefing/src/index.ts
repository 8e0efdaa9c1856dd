export * from './days.ts';
export * from './compile.ts';
export * from './cases.ts';
