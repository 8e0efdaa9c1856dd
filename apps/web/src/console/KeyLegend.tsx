import { useI18n } from '../i18n/i18n.tsx';
import { KEY_LEGEND } from './keys.ts';

/** The desk's keyboard shortcuts, always on screen. */
export function KeyLegend({ canReport, canInstruct }: { canReport: boolean; canInstruct: boolean }) {
  const { t } = useI18n();
  const shown = KEY_LEGEND.filter(([, key]) => (key !== 'keys.intake' || canReport) && (key !== 'keys.instruct' || canInstruct));
  return (
    <footer className="key-legend" aria-label={t('keys.title')}>
      {shown.map(([keys, label]) => (
        <span key={label} className="key-legend__item">
          <kbd>{keys}</kbd> {t(label)}
        </span>
      ))}
    </footer>
  );
}
