import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { QueueView } from './queue.ts';

const VIEW_LABEL: Record<QueueView, MessageKey> = {
  open: 'view.open',
  incoming: 'view.incoming',
  active: 'view.active',
  mine: 'view.mine',
  done: 'view.done',
};

interface Props {
  views: readonly QueueView[];
  current: QueueView;
  counts: Record<QueueView, number>;
  onChange: (view: QueueView) => void;
}

/** The queue's views with how many cases each holds ([ and ] switch them). */
export function ViewTabs({ views, current, counts, onChange }: Props) {
  const { t } = useI18n();
  return (
    <div className="tabs" role="tablist" aria-label={t('queue.views')}>
      {views.map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={v === current}
          className={`tab${v === current ? ' is-current' : ''}`}
          onClick={() => onChange(v)}
          data-testid={`view-${v}`}
        >
          {t(VIEW_LABEL[v])}
          <span className="tab__count">{counts[v]}</span>
        </button>
      ))}
    </div>
  );
}
