import { useI18n } from '../i18n/i18n.tsx';
import { ClockIcon } from '../shell/icons.tsx';

/**
 * The one mark of a figure whose data source is silent past its interval, naming the source
 * (超时未报：…): on the wall's tiles, the leader's figures and the console's alerts. Which
 * source is silent comes from `useSilentSource` (provenance.ts).
 */
export function StaleSourceMark({ name, className }: { name: string; className?: string }) {
  const { t } = useI18n();
  return (
    <span className={className === undefined ? 'stale-source' : `stale-source ${className}`} data-testid="stale-source">
      <ClockIcon /> {t('provenance.silent', { name })}
    </span>
  );
}
