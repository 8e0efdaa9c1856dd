import { type CaseSlaView, type CaseState, type CaseSummary, type Urgency } from '@cw/contracts';
import { CASE_STATE_LABELS, SLA_LIGHT_LABELS, URGENCY_LABELS } from '@cw/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';

/** A shape per light, so that the light reads without colour too. */
const LIGHT_MARK = { green: '●', yellow: '▲', red: '✖' } as const;

/** The time-limit traffic light: shape, colour and word; paused and untimed steps say so. */
export function SlaBadge({ sla }: { sla: CaseSlaView | null }) {
  const { t, l } = useI18n();
  if (sla === null) {
    return (
      <span className="sla sla--none" data-testid="sla" data-light="none">
        <span aria-hidden>○</span> {t('sla.none')}
      </span>
    );
  }
  if (sla.paused) {
    return (
      <span className="sla sla--paused" data-testid="sla" data-light="paused">
        <span aria-hidden>‖</span> {t('sla.paused')}
      </span>
    );
  }
  return (
    <span className={`sla sla--${sla.light}`} data-testid="sla" data-light={sla.light}>
      <span aria-hidden>{LIGHT_MARK[sla.light]}</span> {l(SLA_LIGHT_LABELS[sla.light])}
    </span>
  );
}

export function StateBadge({ state }: { state: CaseState }) {
  const { l } = useI18n();
  return (
    <span className={`state state--${state}`} data-testid="state" data-state={state}>
      {l(CASE_STATE_LABELS[state])}
    </span>
  );
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { l } = useI18n();
  return <span className={`urgency urgency--${urgency}`}>{l(URGENCY_LABELS[urgency])}</span>;
}

/** Supervised (督办), reminded (催办 ×n) and instructed (批示 ×n) marks. */
export function CaseFlags({ c }: { c: Pick<CaseSummary, 'supervised' | 'reminders' | 'instructions'> }) {
  const { t } = useI18n();
  return (
    <>
      {c.supervised && <span className="flag flag--supervised">{t('flag.supervised')}</span>}
      {c.reminders > 0 && <span className="flag flag--reminded">{t('flag.reminded', { count: c.reminders })}</span>}
      {c.instructions > 0 && <span className="flag flag--instructed">{t('flag.instructed', { count: c.instructions })}</span>}
    </>
  );
}
