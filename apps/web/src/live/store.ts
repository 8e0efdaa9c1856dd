import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { vitalsTopic, type Alert, type FeedItem, type Pollutant, type Status, type SystemState, type Topic, type TopicEntries, type VitalReading } from '@cw/contracts';
import { connectLive, type ConnectionStatus } from '@cw/live-client';
import { reloadIfTooOld } from './reload.ts';
import { addSample, type ClockSample } from './serverClock.ts';

interface LiveState {
  status: ConnectionStatus;
  /** One replica per topic, replaced (never mutated) on every change so selectors see it. */
  topics: Partial<Record<Topic, TopicEntries>>;
  /** Local time of the last message that changed anything, ms. */
  lastUpdate: number | null;
  /** Samples of the server clock, which may run faster than ours (simulated time). */
  clock: ClockSample[];
}

/** The live store, fed by the socket; components select narrowly from it. */
export const useLive = create<LiveState>(() => ({
  status: { state: 'connecting', clockOffsetMs: 0 },
  topics: {},
  lastUpdate: null,
  clock: [],
}));

/** Feeds the server-clock model, e.g. from GET /api/v1/time. */
export function addClockSample(sample: ClockSample): void {
  useLive.setState((s) => ({ clock: addSample(s.clock, sample) }));
}

/** A tick's messages arrive within a few milliseconds of each other. */
const BATCH_MS = 16;

/**
 * A tick brings one message per changed topic, each in its own task. They are applied to
 * the store together: one re-render and one repaint per tick rather than one per message.
 * A timer rather than an animation frame, so that data (and alert focus) never wait for
 * the page to render. At most one pending replica per topic, so it is bounded.
 */
function batchedApply(): { apply: (topic: Topic, entries: TopicEntries) => void; cancel: () => void } {
  let pending = new Map<Topic, TopicEntries>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = new Map();
    useLive.setState((s) => ({ topics: { ...s.topics, ...Object.fromEntries(batch) }, lastUpdate: Date.now() }));
  };
  return {
    apply(topic, entries) {
      pending.set(topic, entries);
      timer ??= setTimeout(flush, BATCH_MS);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
    },
  };
}

/** Opens the live connection for a screen; returns the function that closes it. */
export function startLive(topics: readonly Topic[]): () => void {
  useLive.setState((s) => ({ status: { state: 'connecting', clockOffsetMs: s.status.clockOffsetMs } }));
  const batch = batchedApply();
  const client = connectLive({
    topics,
    onEntries: batch.apply,
    onStatus: (status) => {
      const prev = useLive.getState().status;
      useLive.setState({ status });
      reloadIfTooOld(status);
      // Each hello carries the server's clock.
      if (status.state === 'live' && (status.epoch !== prev.epoch || status.clockOffsetMs !== prev.clockOffsetMs)) {
        const local = Date.now();
        addClockSample({ local, server: local + status.clockOffsetMs });
      }
    },
  });
  return () => {
    batch.cancel();
    client.close();
  };
}

// The server puts only its own entry type in each topic (EntryOf in @cw/contracts).
type Vitals = Record<string, VitalReading>;

export const vitalsOf = (s: LiveState, scope: string): Vitals | undefined => s.topics[vitalsTopic(scope)] as Vitals | undefined;
export const alertsOf = (s: LiveState) => s.topics.alerts as Record<string, Alert> | undefined;
export const feedOf = (s: LiveState) => s.topics.feed as Record<string, FeedItem> | undefined;

/*
 * Selectors return plain values, compared by value (or entry by entry), never reading
 * objects: a reading object is new whenever its `asOf` moves, which is nearly every tick,
 * and a component (or chart) should redraw only when something it shows has changed.
 */

const reading = (s: LiveState, scope: string, metric: string): VitalReading | undefined => vitalsOf(s, scope)?.[metric];

export const useValue = (scope: string, metric: string): number | null => useLive((s) => reading(s, scope, metric)?.value ?? null);

/** Whether a figure has a value: re-renders only when that flips. */
export const useHasValue = (scope: string, metric: string): boolean => useLive((s) => reading(s, scope, metric)?.value != null);

/** A figure's value now, outside any subscription (see useSampledValue). */
export const readValue = (scope: string, metric: string): number | null => reading(useLive.getState(), scope, metric)?.value ?? null;

export const useStatus = (scope: string, metric: string): Status => useLive((s) => reading(s, scope, metric)?.status ?? 'nodata');

/** The newest event behind a figure, rounded down to `bucketMs` so the figure re-renders at most that often for it. */
export const useAsOf = (scope: string, metric: string, bucketMs: number): number | null =>
  useLive((s) => {
    const asOf = reading(s, scope, metric)?.asOf;
    return asOf == null ? null : Math.floor(asOf / bucketMs) * bucketMs;
  });

const NO_PARTS: Readonly<Record<string, number | null>> = {};

/** A figure's breakdown (type or place → value), compared entry by entry. */
export const useParts = (scope: string, metric: string): Readonly<Record<string, number | null>> =>
  useLive(useShallow((s) => reading(s, scope, metric)?.parts ?? NO_PARTS));

const NO_IAQI: Partial<Record<Pollutant, number>> = {};
const NO_PRIMARY: Pollutant[] = [];

/** The AQI's sub-indices and primary pollutants, compared entry by entry. */
export function useAqiDetail(scope: string, metric: string): { iaqi: Partial<Record<Pollutant, number>>; primary: readonly Pollutant[] } {
  const iaqi = useLive(useShallow((s) => reading(s, scope, metric)?.aqi?.iaqi ?? NO_IAQI));
  const primary = useLive(useShallow((s) => reading(s, scope, metric)?.aqi?.primary ?? NO_PRIMARY));
  return { iaqi, primary };
}

/** One metric's value for each scope (e.g. every division), compared element by element. */
export const useValues = (scopes: readonly string[], metric: string): (number | null)[] =>
  useLive(useShallow((s) => scopes.map((scope) => reading(s, scope, metric)?.value ?? null)));

export const useStatuses = (scopes: readonly string[], metric: string): Status[] =>
  useLive(useShallow((s) => scopes.map((scope) => reading(s, scope, metric)?.status ?? 'nodata')));

/** Several metrics' values for one scope, compared element by element. */
export const useMetricValues = (scope: string, metrics: readonly string[]): (number | null)[] =>
  useLive(useShallow((s) => metrics.map((metric) => reading(s, scope, metric)?.value ?? null)));

export const useMetricStatuses = (scope: string, metrics: readonly string[]): Status[] =>
  useLive(useShallow((s) => metrics.map((metric) => reading(s, scope, metric)?.status ?? 'nodata')));

export const useSystemState = (): SystemState | undefined => useLive((s) => s.topics.system?.['state'] as SystemState | undefined);
export const useAlertsTopic = () => useLive(alertsOf);
export const useFeedTopic = () => useLive(feedOf);
