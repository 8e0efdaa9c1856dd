import { DispatchSummary } from '../../dispatch-board/DispatchSummary.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * Dispatch at a glance on the overview (the wall holds the `dispatch` topic open); the
 * board has the rest. Beside the events on 16:9 there is room for the counts only.
 */
export function DispatchPanel({ rates }: { rates: boolean }) {
  const { t } = useI18n();
  return (
    <section className="panel panel--dispatch" data-testid="overview-dispatch">
      <h2 className="panel__title">{t('page.dispatch')}</h2>
      <DispatchSummary rates={rates} />
    </section>
  );
}
