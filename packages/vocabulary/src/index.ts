export * from './access.ts';
export * from './alerts.ts';
export * from './cases.ts';
export * from './emergency.ts';
