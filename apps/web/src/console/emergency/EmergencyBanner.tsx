import { Link, useSearch } from 'wouter';
import { useEmergencyRecords } from '../../emergency/api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { sortEmergencies } from './desk.ts';
import { emergencyHref } from './EmergencyScreen.tsx';
import { DrillLabel, LevelBadge } from './parts.tsx';

/** How many emergencies the banner names; the rest are on the command desk. */
const SHOWN = 3;

/**
 * Above the dispatch console: the active emergencies, highest level first, each a way into
 * the command desk, and the way to the desk (and to declaring) when none is active.
 */
export function EmergencyBanner() {
  const { t } = useI18n();
  const search = useSearch();
  const { records } = useEmergencyRecords();
  const active = sortEmergencies((records ?? []).filter((e) => e.status === 'active'));
  return (
    <nav className={`emg-banner${active.length > 0 ? ' emg-banner--war' : ''}`} aria-label={t('emg.list')} data-testid="emergency-banner" data-count={active.length}>
      {active.length > 0 && <strong className="emg-banner__title">{t('emg.banner', { count: active.length })}</strong>}
      {active.slice(0, SHOWN).map((e) => (
        <Link key={e.id} className="emg-banner__item" href={emergencyHref(search, e.id)} data-testid="emergency-banner-item" data-emergency-id={e.id}>
          <LevelBadge level={e.level} />
          {e.drill && <DrillLabel />}
          <span>{e.title}</span>
        </Link>
      ))}
      <Link className={`btn btn--small${active.length > 0 ? ' btn--danger' : ''}`} href={emergencyHref(search, null)}>
        {t('emg.open')}
      </Link>
    </nav>
  );
}
