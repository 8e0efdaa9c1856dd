import {
  type CaseTransition,
} from '@cw/contracts';
import {
  ACTOR_ROLE_LABELS,
  CASE_STATE_LABELS,
  CATEGORY_LABELS,
  RATING_LABELS,
  REQUEST_TYPE_LABELS,
  SLA_STEP_LABELS,
  TRANSITION_ACTION_LABELS,
  URGENCY_LABELS,
} from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDesk } from '../deskContext.ts';

/** Who acted: their role, their department, and whether it was the user at this desk. */
function Actor({ t: entry }: { t: CaseTransition }) {
  const { t, l } = useI18n();
  const desk = useDesk();
  const { actor } = entry;
  const dept = desk.department(actor.department);
  const who = actor.role === 'system' && actor.userId.startsWith('source:') ? t('history.source') : l(ACTOR_ROLE_LABELS[actor.role]);
  return (
    <span className="event__actor">
      {who}
      {actor.department && ` · ${dept ? l(dept.name) : actor.department}`}
      {actor.userId === desk.me.id && <span className="event__me"> {t('history.me')}</span>}
    </span>
  );
}

/** What an entry changed besides the state: assignment, classification, extension, rating, merge, answer. */
function Details({ entry }: { entry: CaseTransition }) {
  const { t, l, day, time } = useI18n();
  const desk = useDesk();
  const d = entry.details;
  if (!d) return null;
  const parts: string[] = [];
  if (d.department) {
    const dept = desk.department(d.department);
    parts.push(t('history.to', { department: dept ? l(dept.name) : d.department }));
  }
  if (d.category) parts.push(l(CATEGORY_LABELS[d.category]));
  if (d.requestType) parts.push(l(REQUEST_TYPE_LABELS[d.requestType]));
  if (d.urgency) parts.push(l(URGENCY_LABELS[d.urgency]));
  if (d.extensionDays) parts.push(t('sla.workingDays', { days: d.extensionDays }));
  if (d.extendedUntil) parts.push(t('history.until', { at: `${day(d.extendedUntil)} ${time(d.extendedUntil)}` }));
  if (d.rating) parts.push(l(RATING_LABELS[d.rating]));
  if (d.duplicateId) parts.push(t('history.duplicate', { id: d.duplicateId }));
  if (d.primaryId) parts.push(t('history.primary', { id: d.primaryId }));
  if (d.answer) parts.push(t('history.answer', { answer: d.answer }));
  return parts.length === 0 ? null : <span className="event__details">{parts.join(' · ')}</span>;
}

/** The case's append-only history, newest first: who did what when, from which state to which, and why. */
export function HistoryTimeline({ history }: { history: readonly CaseTransition[] }) {
  const { t, l, day, time } = useI18n();
  return (
    <section className="section" aria-labelledby="history-title" data-testid="history">
      <h3 className="section__title" id="history-title">
        {t('history.title')} <span className="section__count">{history.length}</span>
      </h3>
      <ol className="timeline">
        {[...history].reverse().map((e) => {
          const late = e.sla?.deadline != null && e.at > e.sla.deadline && e.action !== 'remind' && e.action !== 'supervise';
          return (
            <li key={e.seq} className={`event event--${e.action}`} data-testid="history-entry" data-action={e.action}>
              <span className="event__when mono">{`${day(e.at)} ${time(e.at)}`}</span>
              <span className="event__what">
                <strong>{l(TRANSITION_ACTION_LABELS[e.action])}</strong>
                {/* Reminders, supervision and merges record something without moving the case. */}
                {e.from !== e.to && (
                  <span className="event__states">
                    {e.from === null ? '' : `${l(CASE_STATE_LABELS[e.from])} → `}
                    {l(CASE_STATE_LABELS[e.to])}
                  </span>
                )}
                {late && <span className="flag flag--late">{t('history.late', { step: l(SLA_STEP_LABELS[e.sla!.step]) })}</span>}
              </span>
              <Actor t={e} />
              <Details entry={e} />
              {e.comment && <q className="event__comment">{e.comment}</q>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
