import { create } from 'zustand';
import { CITY_SCOPE, vitalsTopic, type Topic, type TopicEntries, type VitalReading } from '@cw/contracts';
import { connectLive, type ConnectionStatus } from '@cw/live-client';

interface LiveState {
  status: ConnectionStatus;
  topics: Partial<Record<Topic, TopicEntries>>;
  /** Local time of the last message that changed anything, ms. */
  lastUpdate: number | null;
}

/** The live store: one replica per topic, fed by the socket; components select from it. */
export const useLive = create<LiveState>(() => ({
  status: { state: 'connecting', clockOffsetMs: 0 },
  topics: {},
  lastUpdate: null,
}));

/** Opens the live connection for a screen; returns the function that closes it. */
export function startLive(topics: readonly Topic[]): () => void {
  const client = connectLive({
    topics,
    onEntries: (topic, entries) => useLive.setState((s) => ({ topics: { ...s.topics, [topic]: entries }, lastUpdate: Date.now() })),
    onStatus: (status) => useLive.setState({ status }),
  });
  return () => client.close();
}

export const useReading = (scope: string, metric: string): VitalReading | undefined =>
  useLive((s) => s.topics[vitalsTopic(scope)]?.[metric]);

export const useCityReading = (metric: string) => useReading(CITY_SCOPE, metric);

/** Server time now (the server's clock may be simulated). */
export function serverNow(): number {
  return Date.now() + useLive.getState().status.clockOffsetMs;
}
