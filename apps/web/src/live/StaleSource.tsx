import { useI18n } from '../i18n/i18n.tsx';

/**
 * The one mark of a figure whose data source is silent past its interval, naming the source
 * (超时未报：…): on the wall's tiles, the leader's figures and the console's alerts. Which
 * source is silent comes from `useSilentSource` (provenance.ts).
 */
/**
 * A clock drawn in SVG, not the ⏱ emoji: wall PCs and Debian's Chromium often have no emoji
 * font, and the emoji then shows as an empty box.
 */
export function ClockIcon() {
  return (
    <svg className="clock-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 5.5V9l2.5 1.5M6 1.5h4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function StaleSourceMark({ name, className }: { name: string; className?: string }) {
  const { t } = useI18n();
  return (
    <span className={className === undefined ? 'stale-source' : `stale-source ${className}`} data-testid="stale-source">
      <ClockIcon /> {t('provenance.silent', { name })}
    </span>
  );
}
