import { type CaseDetail } from '@cw/contracts';
import { CHANNEL_LABELS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDuration } from '../duration.ts';

/** Open reports that look like the same problem (same category, near in place and time): candidates for a merge. */
export function DuplicateList({ duplicates, onOpenCase }: { duplicates: CaseDetail['duplicates']; onOpenCase: (id: string) => void }) {
  const { t, l, lang } = useI18n();
  if (duplicates.length === 0) return null;
  return (
    <section className="section" aria-labelledby="dup-title" data-testid="duplicates">
      <h3 className="section__title" id="dup-title">
        {t('dup.title')} <span className="section__count">{duplicates.length}</span>
      </h3>
      <ul className="dups">
        {duplicates.map((d) => (
          <li key={d.id}>
            <button type="button" className="dup" onClick={() => onOpenCase(d.id)}>
              <span className="dup__title">{d.title}</span>
              <span className="dup__meta">
                <span className="mono">{d.id}</span> · {l(CHANNEL_LABELS[d.channel])} · {t('dup.distance', { m: d.distanceM })} · {t('dup.gap', { time: formatDuration(d.gapMs, lang) })} ·{' '}
                {t('dup.score', { percent: Math.round(d.score * 100) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
