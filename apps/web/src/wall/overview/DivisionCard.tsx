import { useEffect } from 'react';
import { DOMAINS, keyMetrics } from '../../domains.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useStatus, useValue } from '../../live/store.ts';
import { STATUS_MARK } from '../figures/statusMark.ts';
import { useWallData } from '../WallData.tsx';
import { selectDivision, useWallUi } from '../wallStore.ts';
import type { MetricDef } from '@cw/contracts';

/** A tapped division's card closes by itself: nobody stands at a wall to close it. */
const SHOW_MS = 30_000;

/** The key figures of the division last tapped on the map, by domain. */
export function DivisionCard() {
  const { t, l } = useI18n();
  const { catalogue, divisionName } = useWallData();
  const code = useWallUi((s) => s.selectedDivision);
  useEffect(() => {
    if (code === null) return;
    const id = setTimeout(() => selectDivision(null), SHOW_MS);
    return () => clearTimeout(id);
  }, [code]);
  const name = code === null ? undefined : divisionName(code);
  if (code === null || name === undefined) return null;
  return (
    <aside className="division-card" data-testid="division-card" data-code={code}>
      <header className="division-card__head">
        <h3>{t('division.figures', { name: l(name) })}</h3>
        <button type="button" className="chip" onClick={() => selectDivision(null)}>
          ✕ {t('division.close')}
        </button>
      </header>
      <div className="division-card__body">
        {DOMAINS.map((domain) => (
          <section key={domain} className="division-card__domain">
            <h4>{t(`domain.${domain}`)}</h4>
            <dl>
              {keyMetrics(catalogue, domain).map((def) => (
                <DivisionFigure key={def.id} def={def} scope={code} />
              ))}
            </dl>
          </section>
        ))}
      </div>
    </aside>
  );
}

function DivisionFigure({ def, scope }: { def: MetricDef; scope: string }) {
  const { l, value } = useI18n();
  const v = useValue(scope, def.id);
  const status = useStatus(scope, def.id);
  return (
    <div className={`division-card__row is-${status}`}>
      <dt>{l(def.name)}</dt>
      <dd>
        {value(v, def)}
        <small>{l(def.unit)}</small>
        {(status === 'warning' || status === 'critical') && <i>{STATUS_MARK[status]}</i>}
      </dd>
    </div>
  );
}
