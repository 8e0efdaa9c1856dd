export * from './simulator.ts';
export { busRoutes, isUrban, type BusRoute } from './city.ts';
export type { SimReport } from './intake.ts';
export { crewMove, CREW_PREFIX, type CrewMove } from './crew.ts';
