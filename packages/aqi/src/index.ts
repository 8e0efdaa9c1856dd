export * from './table.ts';
export * from './iaqi.ts';
export * from './categories.ts';
export * from './aqi.ts';
