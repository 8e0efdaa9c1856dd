import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { serverNow } from '../live/clock.ts';
import { useAssessment } from './api.ts';
import { useDesk } from './deskContext.ts';
import { describeFailure } from './failure.ts';
import { FailureMessage } from './FailureMessage.tsx';

/** "YYYY-MM" of the city's local month at `ms`. */
export function localMonth(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 7);
}

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/** The monthly assessment (月度考核): the month's ranking on screen, and the report as xlsx or PDF. */
export function AssessmentDialog({ onClose }: { onClose: () => void }) {
  const { t, l, lang } = useI18n();
  const { profile, department } = useDesk();
  const [month, setMonth] = useState(() => localMonth(serverNow(), profile.utcOffsetMinutes));
  const report = useAssessment(month);
  const name = (id: string) => {
    const d = department(id);
    return d ? l(d.name) : id;
  };
  const query = lang === 'en' ? '?lang=en' : '';
  const r = report.data;
  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog assessment" role="dialog" aria-modal="true" aria-labelledby="assessment-title" data-testid="assessment">
        <h2 id="assessment-title" className="dialog__title">
          {t('assessment.title')}
        </h2>
        <label className="field field--narrow">
          <span className="field__label">{t('assessment.month')}</span>
          <input className="control" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} data-testid="assessment-month" />
        </label>
        <p className="field__hint">{t('assessment.hint')}</p>
        {report.isError && <FailureMessage failure={describeFailure(report.error)} />}
        {r && (
          <>
            <dl className="assessment__centre" data-testid="assessment-centre">
              <div>
                <dt>{t('assessment.registered')}</dt>
                <dd>{r.centre.registered}</dd>
              </div>
              <div>
                <dt>{t('assessment.due')}</dt>
                <dd>{r.centre.due}</dd>
              </div>
              <div>
                <dt>{t('assessment.closed')}</dt>
                <dd>{r.centre.closed}</dd>
              </div>
              <div>
                <dt>{t('assessment.closureRate')}</dt>
                <dd>{percent(r.centre.closureRate)}</dd>
              </div>
            </dl>
            <table className="assessment__table" data-testid="assessment-ranking">
              <thead>
                <tr>
                  <th>{t('assessment.rank')}</th>
                  <th>{t('assessment.department')}</th>
                  <th>{t('assessment.deptDue')}</th>
                  <th>{t('assessment.onTimeRate')}</th>
                  <th>{t('assessment.extensionRate')}</th>
                  <th>{t('assessment.reworkRate')}</th>
                  <th>{t('assessment.satisfactionRate')}</th>
                </tr>
              </thead>
              <tbody>
                {r.departments.map((d) => (
                  <tr key={d.department}>
                    <td>{d.rank ?? '—'}</td>
                    <td>{name(d.department)}</td>
                    <td>{d.due}</td>
                    <td>{percent(d.onTimeRate)}</td>
                    <td>{percent(d.extensionRate)}</td>
                    <td>{percent(d.reworkRate)}</td>
                    <td>{percent(d.satisfactionRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <div className="dialog__buttons">
          <a className="btn btn--primary" href={`/api/v1/dispatch/assessment/${month}/xlsx${query}`} download data-testid="assessment-xlsx">
            {t('assessment.xlsx')}
          </a>
          <a className="btn" href={`/api/v1/dispatch/assessment/${month}/pdf${query}`} download data-testid="assessment-pdf">
            {t('assessment.pdf')}
          </a>
          <button type="button" className="btn btn--quiet" onClick={onClose}>
            {t('assessment.close')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
