import { HANDLING_SLA_STEPS, type DispatchOverview } from '@cw/contracts';
import { SLA_STEP_LABELS } from '@cw/vocabulary';
import { formatDuration } from '../console/duration.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BoardPanel } from './BoardPanel.tsx';

/** Mean time per step (sign-for, handling, checking) over the steps that ended in the KPI period. */
export function StepTimes({ kpis }: { kpis: DispatchOverview | undefined }) {
  const { t, l, lang } = useI18n();
  return (
    <BoardPanel title={t('board.stepTimes')} className="db-steps">
      <div className="db-steps__row">
        {HANDLING_SLA_STEPS.map((step, i) => {
          const ms = kpis?.averageStepMs[step] ?? null;
          return (
            <div key={step} className="db-step" data-testid={`step-${step}`}>
              <span className="db-step__label">
                <span className="db-step__n">{i + 1}</span>
                {l(SLA_STEP_LABELS[step])}
              </span>
              <strong className="db-step__value">{ms === null ? '—' : formatDuration(ms, lang)}</strong>
            </div>
          );
        })}
      </div>
    </BoardPanel>
  );
}
