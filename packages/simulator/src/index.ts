export * from './simulator.ts';
export { busRoutes, isUrban, type BusRoute } from './city.ts';
