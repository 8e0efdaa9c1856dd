import type { Domain, MetricDef } from '@cw/contracts';

export const DOMAINS: readonly Domain[] = ['government', 'environment', 'safety', 'livelihood', 'tourism'];

/** A breakdown panel on a thematic page. */
export type Breakdown =
  /** A split metric's parts: by event type, or by place (named from the profile). */
  | { kind: 'parts'; metric: string }
  /** The AQI's sub-indices by pollutant. */
  | { kind: 'iaqi'; metric: string }
  /** A per-place pass/fail split (parts are 100 or 0), e.g. water sections meeting target. */
  | { kind: 'pass'; metric: string }
  /** Several percentages side by side. */
  | { kind: 'compare'; metrics: string[] };

export interface DomainView {
  /** The figure whose hourly and daily history the domain shows. */
  trend: string;
  /** The figure divisions are ranked (and the map coloured) by. */
  rank: string;
  breakdowns: Breakdown[];
}

/**
 * How each domain is presented: which catalogue figures lead. Presentation only; every
 * figure comes from the server's catalogue, so a metric missing there is simply skipped.
 */
export const DOMAIN_VIEWS: Record<Domain, DomainView> = {
  government: {
    trend: 'gov.received_today',
    rank: 'gov.received_today',
    breakdowns: [
      { kind: 'compare', metrics: ['gov.on_time_rate', 'gov.online_rate', 'gov.satisfaction', 'hotline.answer_rate'] },
      { kind: 'parts', metric: 'gov.queue_now' },
    ],
  },
  environment: {
    trend: 'env.aqi',
    rank: 'env.aqi',
    breakdowns: [
      { kind: 'iaqi', metric: 'env.aqi' },
      { kind: 'pass', metric: 'env.water_meeting' },
    ],
  },
  safety: {
    trend: 'safety.police_today',
    rank: 'safety.police_today',
    breakdowns: [
      { kind: 'parts', metric: 'safety.police_today' },
      { kind: 'parts', metric: 'safety.device_alarms_today' },
    ],
  },
  livelihood: {
    trend: 'live.outpatient_today',
    rank: 'live.outpatient_today',
    breakdowns: [
      { kind: 'parts', metric: 'live.outpatient_today' },
      { kind: 'parts', metric: 'live.utility_faults_today' },
    ],
  },
  tourism: {
    trend: 'tour.visitors_today',
    rank: 'tour.visitors_today',
    breakdowns: [
      { kind: 'parts', metric: 'tour.visitors_now' },
      { kind: 'parts', metric: 'tour.origin_today' },
    ],
  },
};

/** The figures a domain shows on the overview: the catalogue's key figures, in catalogue order. */
export const keyMetrics = (catalogue: readonly MetricDef[], domain: Domain) => catalogue.filter((m) => m.domain === domain && m.key);

/** The metrics a breakdown reads; used to skip breakdowns whose metrics the catalogue lacks. */
export const breakdownMetrics = (b: Breakdown): string[] => (b.kind === 'compare' ? b.metrics : [b.metric]);

/**
 * The figures a thematic page shows as tiles: the domain's catalogue figures, less those that
 * compute the same number as an earlier one and differ only in how they split it (今日游客来源
 * is 今日接待游客 by origin: its tile repeated the figure; its breakdown panel stays).
 */
export function tileMetrics(catalogue: readonly MetricDef[], domain: Domain): MetricDef[] {
  const shown: MetricDef[] = [];
  for (const m of catalogue) {
    if (m.domain !== domain) continue;
    const same = JSON.stringify(m.compute);
    if (!shown.some((s) => JSON.stringify(s.compute) === same)) shown.push(m);
  }
  return shown;
}
