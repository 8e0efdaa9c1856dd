import { type CaseRecord } from '@cw/contracts';
import { ALERT_LEVEL_NUMERALS, CATEGORY_LABELS, CHANNEL_LABELS, RATING_LABELS, REQUEST_TYPE_LABELS, URGENCY_LABELS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDesk } from '../deskContext.ts';
import { useCatalogue } from '../../api/queries.ts';

/** What the case is: the report as made (description, place, reporter when the user may see them) and its classification. */
export function CaseFacts({ record, onOpenCase }: { record: CaseRecord; onOpenCase: (id: string) => void }) {
  const { t, l, value, time } = useI18n();
  const desk = useDesk();
  const division = desk.division(record.division);
  const department = desk.department(record.department);
  const sub = record.subCategory === undefined ? undefined : desk.profile.caseCategories.find((s) => s.id === record.subCategory);
  const from = record.fromAlert;
  const fromDef = useCatalogue().data?.find((m) => m.id === from?.metric);
  const fromDivision = from ? desk.division(from.scope) : undefined;
  return (
    <section className="section" aria-labelledby="facts-title">
      <h3 className="section__title" id="facts-title">
        {t('case.facts')}
      </h3>
      <p className="case-description" data-testid="case-description">
        {record.description || <span className="muted">{t('case.noDescription')}</span>}
      </p>
      <dl className="facts">
        {from && (
          <>
            <dt>{t('alertLink.from')}</dt>
            <dd data-testid="case-from-alert">
              {t('alertLink.fromValue', {
                level: `${ALERT_LEVEL_NUMERALS[from.level]} ${t(`alertLevel.${from.level}`)}`,
                division: fromDivision ? l(fromDivision.name) : t('alerts.cityScope'),
                metric: fromDef ? l(fromDef.name) : from.metric,
                value: fromDef ? `${value(from.value, fromDef)}${l(fromDef.unit)}` : String(from.value),
                time: time(from.raisedAt).slice(0, 5),
              })}
            </dd>
          </>
        )}
        <dt>{t('case.channel')}</dt>
        <dd>
          {l(CHANNEL_LABELS[record.channel])}
          {record.requestType && ` · ${l(REQUEST_TYPE_LABELS[record.requestType])}`}
        </dd>
        <dt>{t('case.category')}</dt>
        <dd>{l(CATEGORY_LABELS[record.category])}</dd>
        {sub && (
          <>
            <dt>{t('case.subCategory')}</dt>
            <dd data-testid="case-subcategory">
              {l(sub.name)}
              <span className="muted">{` · ${t('case.closure')}: ${l(sub.closure)}`}</span>
            </dd>
          </>
        )}
        {record.returnVisitRequested && (
          <>
            <dt>{t('case.returnVisit')}</dt>
            <dd data-testid="case-return-visit">{t('case.returnVisitRequested')}</dd>
          </>
        )}
        <dt>{t('case.urgency')}</dt>
        <dd>{l(URGENCY_LABELS[record.urgency])}</dd>
        <dt>{t('case.division')}</dt>
        <dd>{division ? l(division.name) : record.division}</dd>
        {record.address && (
          <>
            <dt>{t('case.address')}</dt>
            <dd data-testid="case-address">{record.address}</dd>
          </>
        )}
        <dt>{t('case.department')}</dt>
        <dd data-testid="case-department">{department ? l(department.name) : (record.department ?? t('case.noDepartment'))}</dd>
        {record.reporter && (record.reporter.name || record.reporter.phone) && (
          <>
            <dt>{t('case.reporter')}</dt>
            <dd data-testid="case-reporter">
              {record.reporter.name}
              {record.reporter.name && record.reporter.phone && ' · '}
              {record.reporter.phone && <span className="mono">{record.reporter.phone}</span>}
            </dd>
          </>
        )}
        {record.rating && (
          <>
            <dt>{t('case.rating')}</dt>
            <dd>{l(RATING_LABELS[record.rating])}</dd>
          </>
        )}
        {record.mergedInto && (
          <>
            <dt>{t('case.mergedInto')}</dt>
            <dd>
              <button type="button" className="link mono" onClick={() => onOpenCase(record.mergedInto!)}>
                {record.mergedInto}
              </button>
            </dd>
          </>
        )}
        {record.mergedReportIds.length > 0 && (
          <>
            <dt>{t('case.mergedReports')}</dt>
            <dd>
              {record.mergedReportIds.map((id) => (
                <button key={id} type="button" className="link mono" onClick={() => onOpenCase(id)}>
                  {id}
                </button>
              ))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
