export * from './thresholds.ts';
export * from './profile.ts';
export * from './events.ts';
export * from './metrics.ts';
export * from './alerts.ts';
export * from './protocol.ts';
export * from './cases.ts';
export * from './access.ts';
