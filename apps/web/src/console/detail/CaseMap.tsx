import type { CaseLocation } from '@cw/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CaseLocationMap } from '../../map/CaseLocationMap.tsx';
import { useDesk } from '../deskContext.ts';

/** Where the case is: its streets when a tile source is configured, else the city's divisions with its own highlighted. */
export function CaseMap({ division, location }: { division: string; location: CaseLocation | undefined }) {
  const { t } = useI18n();
  const { geo, profile } = useDesk();
  return (
    <section className="section section--map" aria-label={t('map.caseLocation')}>
      <CaseLocationMap geo={geo} profile={profile} division={division} location={location} className="case-map" />
      {!location && <p className="case-map__note">{t('map.noLocation')}</p>}
    </section>
  );
}
