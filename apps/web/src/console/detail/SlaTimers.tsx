import { type CaseRecord, type CaseSlaView } from '@cw/contracts';
import { SLA_STEP_LABELS } from '@cw/vocabulary';
import { formatAge } from '../../format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useServerTime } from '../../live/clock.ts';
import { SlaBadge } from '../CaseBadges.tsx';
import { formatDuration } from '../duration.ts';

interface Props {
  record: CaseRecord;
  /** The freshest view of the step clock (the live topic's, else the detail's). */
  sla: CaseSlaView | null;
}

/** The case's clocks: the current step against its limit, counting down on the server's time, and its age. */
export function SlaTimers({ record, sla }: Props) {
  const { t, l, lang, day, time } = useI18n();
  const now = useServerTime(1000);
  const at = (ms: number) => `${day(ms)} ${time(ms)}`;
  const clock = record.sla;
  return (
    <section className="section" aria-labelledby="sla-title" data-testid="timers">
      <h3 className="section__title" id="sla-title">
        {t('sla.title')}
      </h3>
      <dl className="facts facts--timers">
        <dt>{t('sla.step')}</dt>
        <dd>
          {sla && `${l(SLA_STEP_LABELS[sla.step])} `}
          <SlaBadge sla={sla} />
        </dd>
        {sla && sla.deadline !== null && (
          <>
            <dt>{t('sla.deadline')}</dt>
            <dd className="mono">{at(sla.deadline)}</dd>
            <dt>{sla.deadline < now ? t('sla.overdueFor') : t('sla.remaining')}</dt>
            <dd className={`countdown${sla.deadline < now ? ' is-late' : ''}`} data-testid="countdown">
              {formatDuration(sla.deadline - now, lang)}
            </dd>
          </>
        )}
        {clock?.paused && (
          <>
            <dt>{t('sla.pausedSince')}</dt>
            <dd className="mono">{at(clock.pausedAt)}</dd>
            <dt>{t('sla.leftWhenPaused')}</dt>
            <dd>{formatDuration(clock.remainingMs, lang)}</dd>
          </>
        )}
        {clock && (
          <>
            <dt>{t('sla.basis')}</dt>
            <dd>{t(clock.basis === 'working_time' ? 'sla.workingTime' : 'sla.clockTime')}</dd>
          </>
        )}
        {record.pendingExtensionDays !== null && (
          <>
            <dt>{t('sla.extensionAsked')}</dt>
            <dd>{t('sla.workingDays', { days: record.pendingExtensionDays })}</dd>
          </>
        )}
        <dt>{t('case.reported')}</dt>
        <dd>
          <span className="mono">{at(record.reportedAt)}</span> <span className="muted">({t('case.ago', { age: formatAge(now - record.reportedAt, lang) })})</span>
        </dd>
        {record.closedAt !== null && (
          <>
            <dt>{t('case.closed')}</dt>
            <dd className="mono">{at(record.closedAt)}</dd>
          </>
        )}
      </dl>
      {sla && !sla.paused && (
        <div className={`meter meter--${sla.light}`} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(sla.fractionUsed * 100)} aria-label={t('sla.used')}>
          <span className="meter__fill" style={{ width: `${Math.min(100, sla.fractionUsed * 100)}%` }} />
          <span className="meter__text">{t('sla.usedPercent', { percent: Math.round(sla.fractionUsed * 100) })}</span>
        </div>
      )}
    </section>
  );
}
