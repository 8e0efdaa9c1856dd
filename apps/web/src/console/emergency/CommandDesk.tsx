import { useState, type FormEvent, type ReactNode } from 'react';
import {
  EMERGENCY_LEVELS,
  type CityProfile,
  type Department,
  type EmergencyCommand,
  type EmergencyLevel,
  type EmergencyRecord,
  type EmergencyReport,
  type Localized,
} from '@cw/contracts';
import {
  DEPARTMENT_STATUS_LABELS,
  EMERGENCY_CATEGORY_LABELS,
  EMERGENCY_LEVEL_LABELS,
  EMERGENCY_STATUS_LABELS,
  REPORT_KIND_LABELS,
} from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useServerTime } from '../../live/clock.ts';
import { emergencyDocumentUrl, useEmergencyCommand, useEmergencyDetail } from '../../emergency/api.ts';
import { timelineSayings, timelineSentence } from '../../emergency/timelineText.ts';
import { formatDuration } from '../duration.ts';
import { describeFailure, type Failure } from '../failure.ts';
import { deadlineState, deskControls, reportSlots, type DeskControls, type ReportSlot } from './desk.ts';
import { DrillLabel, EmergencyFailure, LevelBadge } from './parts.tsx';

interface Props {
  id: string;
  /** The record as the live topic has it now, whose version keys the detail. */
  live: EmergencyRecord | undefined;
  profile: CityProfile;
  departments: readonly Department[];
}

type Outcome = { kind: 'done'; what: string } | { kind: 'failed'; failure: Failure };

/** Sends a command with the version the user saw; reports what happened. */
type Run = (cmd: EmergencyCommand, what: string, then?: () => void) => void;

/**
 * The command desk for one emergency (docs/dispatch-screens.md "The command desk"): its
 * header and reporting timers, the plan's checklist, the linked departments, casualties,
 * level and stand-down, reports up the chain, instructions, notes and the timeline. Each
 * part shows only when the detail's `allowed` lists its command.
 */
export function CommandDesk({ id, live, profile, departments }: Props) {
  const { t } = useI18n();
  const detail = useEmergencyDetail(id, live?.version);
  const command = useEmergencyCommand(id);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const d = detail.data;
  if (!d) {
    return <div className="detail detail--empty">{detail.isError ? <EmergencyFailure failure={describeFailure(detail.error)} /> : <p className="muted">{t('loading')}</p>}</div>;
  }
  const e = d.emergency;
  const controls = deskControls(d.allowed);
  // While a newer version loads, what is shown is known to be stale: act once it is here.
  const busy = command.isPending || (live !== undefined && live.version !== e.version);
  const run: Run = (cmd, what, then) => {
    setOutcome(null);
    command.mutate(cmd, {
      onSuccess: () => {
        setOutcome({ kind: 'done', what });
        then?.();
      },
      onError: (err) => setOutcome({ kind: 'failed', failure: describeFailure(err) }),
    });
  };
  const deptName = (dep: string) => {
    const found = departments.find((x) => x.id === dep);
    return found ? found.name : { zh: dep, en: dep };
  };
  return (
    <article className="detail emg-desk" data-testid="emergency-desk" data-emergency-id={e.id} data-version={e.version} data-status={e.status} data-level={e.level}>
      <DeskHeader e={e} profile={profile} />
      <div className="detail__actions">
        {(controls.changeLevel || controls.standDown) && <CommandBar e={e} controls={controls} suggested={d.suggestedLevel} busy={busy} run={run} />}
        {outcome?.kind === 'failed' && <EmergencyFailure failure={outcome.failure} />}
        {outcome?.kind === 'done' && (
          <p className="notice notice--ok" role="status" data-testid="emergency-done">
            {t('emg.done', { what: outcome.what })}
          </p>
        )}
      </div>
      <Deadlines e={e} />
      <div className="detail__body">
        <div className="detail__col">
          <Checklist e={e} enabled={controls.checklist} busy={busy} run={run} />
          <Departments e={e} departments={departments} deptName={deptName} enabled={controls.notify} busy={busy} run={run} />
          <CasualtiesSection e={e} suggested={d.suggestedLevel} enabled={controls.casualties} busy={busy} run={run} />
          <InstructionsSection e={e} deptName={deptName} enabled={controls.instruct} busy={busy} run={run} />
        </div>
        <div className="detail__col">
          <Reports e={e} controls={controls} busy={busy} run={run} />
          {controls.phoneReport && <TextCommand testId="emergency-phone" title={t('emg.phoneReport')} label={t('emg.phoneNote')} submit={t('emg.recordPhone')} busy={busy} onSubmit={(note, done) => run({ action: 'record_phone_report', version: e.version, note }, t('emg.recordPhone'), done)} />}
          {controls.note && <TextCommand testId="emergency-note" title={t('emg.notes')} label={t('emg.noteText')} submit={t('emg.addNote')} busy={busy} onSubmit={(text, done) => run({ action: 'add_note', version: e.version, text }, t('emg.addNote'), done)} />}
          <Timeline e={e} profile={profile} departments={departments} />
        </div>
      </div>
    </article>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="section" data-testid={testId}>
      <h3 className="section__title">{title}</h3>
      {children}
    </section>
  );
}

function DeskHeader({ e, profile }: { e: EmergencyRecord; profile: CityProfile }) {
  const { t, l, lang, time, day } = useI18n();
  const now = useServerTime(1000);
  const subtype = profile.emergency?.subtypes.find((s) => s.id === e.subtype);
  const plan = profile.emergency?.plans.find((p) => p.id === e.planId);
  const division = profile.divisions.find((x) => x.code === e.division);
  const at = (ms: number) => `${day(ms)} ${time(ms)}`;
  return (
    <header className="detail__head">
      <div className="detail__badges">
        <span className="mono detail__id">{e.id}</span>
        <LevelBadge level={e.level} />
        {e.drill && <DrillLabel />}
        <span className={`emg-status emg-status--${e.status}`}>{l(EMERGENCY_STATUS_LABELS[e.status])}</span>
        <span className="muted">
          {l(EMERGENCY_CATEGORY_LABELS[e.category])} · {subtype ? l(subtype.name) : e.subtype}
        </span>
        {e.status === 'active' && (
          <span className="emg-elapsed mono" data-testid="emergency-elapsed">
            {t('emg.elapsed', { time: formatDuration(now - e.declaredAt, lang) })}
          </span>
        )}
        <a className="btn btn--small emg-export" href={emergencyDocumentUrl(e.id)} download={`${e.id}.pdf`} title={t('emgdoc.exportHint')} data-testid="emergency-export">
          {t('emgdoc.export')}
        </a>
      </div>
      <h2 className="detail__title" data-testid="emergency-title">
        {e.title}
      </h2>
      <dl className="facts">
        <dt>{t('emg.place')}</dt>
        <dd>{[division ? l(division.name) : e.division, e.address].filter(Boolean).join(' · ')}</dd>
        <dt>{t('emg.plan')}</dt>
        <dd>{plan ? l(plan.name) : t('emg.noPlan')}</dd>
        {e.commander && (
          <>
            <dt>{t('emg.commander')}</dt>
            <dd>{l(e.commander)}</dd>
          </>
        )}
        <dt>{t('emg.timeline')}</dt>
        <dd>{t('emg.declaredBy', { name: e.declaredBy, time: at(e.declaredAt) })}</dd>
      </dl>
      {e.status === 'stood_down' && e.standDownAt !== null && <p className="notice notice--ok">{t('emg.stoodDown', { time: at(e.standDownAt), reason: e.standDownReason ?? '' })}</p>}
    </header>
  );
}

/** Level change and stand-down: command authority, always with a reason, confirmed in a small form. */
function CommandBar({ e, controls, suggested, busy, run }: { e: EmergencyRecord; controls: DeskControls; suggested: EmergencyLevel | null; busy: boolean; run: Run }) {
  const { t, l } = useI18n();
  const [open, setOpen] = useState<'level' | 'stand_down' | null>(null);
  const [level, setLevel] = useState<EmergencyLevel>(e.level);
  const [reason, setReason] = useState('');
  const close = () => {
    setOpen(null);
    setReason('');
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (reason.trim() === '') return;
    if (open === 'level') run({ action: 'change_level', version: e.version, level, reason: reason.trim() }, t('emg.changeLevel'), close);
    if (open === 'stand_down') run({ action: 'stand_down', version: e.version, reason: reason.trim() }, t('emg.standDown'), close);
  };
  return (
    <div className="emg-commands">
      <div className="actions" role="toolbar">
        {controls.changeLevel && (
          <button type="button" className={`btn${open === 'level' ? ' is-active' : ''}`} disabled={busy} onClick={() => setOpen('level')}>
            {t('emg.changeLevel')}
          </button>
        )}
        {controls.standDown && (
          <button type="button" className={`btn action--caution${open === 'stand_down' ? ' is-active' : ''}`} disabled={busy} onClick={() => setOpen('stand_down')}>
            {t('emg.standDown')}
          </button>
        )}
      </div>
      {open !== null && (
        <form className="action-form" onSubmit={submit} data-testid={`emergency-form-${open}`}>
          {open === 'level' && (
            <label className="field field--narrow">
              <span className="field__label">{t('emg.level')}</span>
              <select className="control" value={level} onChange={(ev) => setLevel(Number(ev.target.value) as EmergencyLevel)}>
                {EMERGENCY_LEVELS.map((v) => (
                  <option key={v} value={v}>
                    {l(EMERGENCY_LEVEL_LABELS[v])}
                  </option>
                ))}
              </select>
              {suggested !== null && <span className="field__hint">{t('emg.suggested', { level: l(EMERGENCY_LEVEL_LABELS[suggested]) })}</span>}
            </label>
          )}
          <label className="field">
            <span className="field__label">{t('emg.reason')}</span>
            <textarea className="control" rows={2} maxLength={2000} value={reason} onChange={(ev) => setReason(ev.target.value)} autoFocus />
          </label>
          <div className="action-form__buttons">
            <button type="submit" className={`btn ${open === 'stand_down' ? 'btn--danger' : 'btn--primary'}`} disabled={busy || reason.trim() === '' || (open === 'level' && level === e.level)}>
              {open === 'level' ? t('emg.confirmLevel') : t('emg.confirmStandDown')}
            </button>
            <button type="button" className="btn btn--quiet" onClick={close}>
              {t('emg.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** The reporting limits in force, counting down on the server's time, red once overdue. */
function Deadlines({ e }: { e: EmergencyRecord }) {
  const { t, lang, time } = useI18n();
  const now = useServerTime(1000);
  if (e.reportDeadlines.length === 0) return null;
  return (
    <div className="emg-deadlines" aria-label={t('emg.deadlines')} data-testid="emergency-deadlines">
      {e.reportDeadlines.map((d) => {
        const s = deadlineState(d, now);
        const text =
          s.state === 'met' ? t('emg.deadline.met', { time: time(d.metAt!) }) : s.state === 'overdue' ? t('emg.deadline.overdue', { time: formatDuration(s.ms, lang) }) : t('emg.deadline.left', { time: formatDuration(s.ms, lang) });
        return (
          <span key={d.channel} className={`emg-deadline emg-deadline--${s.state}`} data-testid="emergency-deadline" data-channel={d.channel} data-state={s.state}>
            <strong>{t(d.channel === 'phone' ? 'emg.deadline.phone' : 'emg.deadline.written')}</strong> {text}
          </span>
        );
      })}
    </div>
  );
}

function Checklist({ e, enabled, busy, run }: { e: EmergencyRecord; enabled: boolean; busy: boolean; run: Run }) {
  const { t, l, time } = useI18n();
  if (e.checklist.length === 0) return null;
  const done = e.checklist.filter((c) => c.doneAt !== null).length;
  return (
    <Section title={`${t('emg.checklist')} ${done}/${e.checklist.length}`} testId="emergency-checklist">
      <ol className="emg-list">
        {e.checklist.map((c) => (
          <li key={c.id} className={`emg-item${c.doneAt !== null ? ' emg-item--done' : ''}`} data-testid="checklist-item" data-item-id={c.id} data-checked={String(c.doneAt !== null)}>
            <span className="emg-item__mark" aria-hidden>
              {c.doneAt !== null ? '✔' : '○'}
            </span>
            <span className="emg-item__text">{l(c.text)}</span>
            {c.doneAt !== null ? (
              <span className="emg-item__by">{t('emg.checkedBy', { name: c.doneBy ?? '', time: time(c.doneAt) })}</span>
            ) : (
              enabled && (
                <button type="button" className="btn btn--small" disabled={busy} aria-label={`${t('emg.check')}：${l(c.text)}`} onClick={() => run({ action: 'check_item', version: e.version, itemId: c.id }, l(c.text))}>
                  {t('emg.check')}
                </button>
              )
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Departments({ e, departments, deptName, enabled, busy, run }: { e: EmergencyRecord; departments: readonly Department[]; deptName: (id: string) => Localized; enabled: boolean; busy: boolean; run: Run }) {
  const { t, l, time } = useI18n();
  const [pick, setPick] = useState('');
  const [message, setMessage] = useState('');
  const linked = new Set(e.departments.map((x) => x.department));
  const notify = (department: string, then?: () => void) =>
    run({ action: 'notify_department', version: e.version, department, ...(message.trim() === '' ? {} : { message: message.trim() }) }, `${t('emg.notify')} · ${l(deptName(department))}`, then);
  return (
    <Section title={t('emg.departments')} testId="emergency-departments">
      <ul className="emg-list">
        {e.departments.map((x) => (
          <li key={x.department} className="emg-item" data-testid="desk-dept" data-department={x.department} data-status={x.status} data-silent={String(x.silentSince !== null)}>
            <span className="emg-item__text">
              {l(deptName(x.department))}
              {x.lead && <span className="emg-tag">{t('emg.lead')}</span>}
            </span>
            <span className={`emg-dept-status emg-dept-status--${x.status}`}>
              {l(DEPARTMENT_STATUS_LABELS[x.status])} <span className="mono muted">{time(x.statusAt[x.status] ?? e.declaredAt)}</span>
            </span>
            {x.silentSince !== null && <span className="emg-tag emg-tag--alarm">{t('emg.silent')}</span>}
            {enabled && (
              <button type="button" className="btn btn--small btn--quiet" disabled={busy} aria-label={`${t('emg.notifyAgain')}：${l(deptName(x.department))}`} onClick={() => notify(x.department)}>
                {t('emg.notifyAgain')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {enabled && (
        <form
          className="emg-inline-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (pick !== '')
              notify(pick, () => {
                setPick('');
                setMessage('');
              });
          }}
        >
          <select className="control" aria-label={t('emg.notifyPick')} value={pick} onChange={(ev) => setPick(ev.target.value)}>
            <option value="">{t('emg.notifyPick')}</option>
            {departments
              .filter((x) => !linked.has(x.id))
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {l(x.name)}
                </option>
              ))}
          </select>
          <input className="control" aria-label={t('emg.notifyMessage')} placeholder={t('emg.notifyMessage')} maxLength={2000} value={message} onChange={(ev) => setMessage(ev.target.value)} />
          <button type="submit" className="btn" disabled={busy || pick === ''}>
            {t('emg.notifyNew')}
          </button>
        </form>
      )}
    </Section>
  );
}

const whole = (s: string) => (/^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : null);
const wan = (s: string) => (/^\d{1,9}(\.\d{1,2})?$/.test(s.trim()) ? Number(s.trim()) : null);

function CasualtiesSection({ e, suggested, enabled, busy, run }: { e: EmergencyRecord; suggested: EmergencyLevel | null; enabled: boolean; busy: boolean; run: Run }) {
  const { t, l } = useI18n();
  const [form, setForm] = useState<{ deaths: string; injured: string; missing: string; losses: string; note: string } | null>(null);
  const c = e.casualties;
  const values = form && { deaths: whole(form.deaths), injured: whole(form.injured), missing: whole(form.missing), losses: wan(form.losses) };
  const valid = values !== null && Object.values(values).every((v) => v !== null);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form || !values || !valid) return;
    run(
      {
        action: 'update_casualties',
        version: e.version,
        casualties: { deaths: values.deaths!, injured: values.injured!, missing: values.missing! },
        lossesWan: values.losses!,
        ...(form.note.trim() === '' ? {} : { note: form.note.trim() }),
      },
      t('emg.saveCasualties'),
      () => setForm(null),
    );
  };
  const input = (key: 'deaths' | 'injured' | 'missing' | 'losses', label: string) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input className="control" inputMode="decimal" value={form![key]} onChange={(ev) => setForm({ ...form!, [key]: ev.target.value })} aria-invalid={values?.[key] === null} />
    </label>
  );
  return (
    <Section title={t('emg.casualties')} testId="emergency-casualties">
      <p className="emg-figures" data-testid="emergency-figures">
        {t('emg.deaths')} <strong>{c.deaths}</strong> · {t('emg.injured')} <strong>{c.injured}</strong> · {t('emg.missing')} <strong>{c.missing}</strong> · {t('emg.losses')} <strong>{e.lossesWan}</strong>
      </p>
      {suggested !== null && suggested !== e.level && <p className="field__hint">{t('emg.suggested', { level: l(EMERGENCY_LEVEL_LABELS[suggested]) })}</p>}
      {enabled &&
        (form === null ? (
          <button type="button" className="btn btn--small" disabled={busy} onClick={() => setForm({ deaths: String(c.deaths), injured: String(c.injured), missing: String(c.missing), losses: String(e.lossesWan), note: '' })}>
            {t('emg.saveCasualties')}
          </button>
        ) : (
          <form className="action-form" onSubmit={submit} data-testid="casualties-form">
            <div className="field-row">
              {input('deaths', t('emg.deaths'))}
              {input('injured', t('emg.injured'))}
              {input('missing', t('emg.missing'))}
              {input('losses', t('emg.losses'))}
            </div>
            <label className="field">
              <span className="field__label">{t('emg.casualtiesNote')}</span>
              <input className="control" maxLength={2000} value={form.note} onChange={(ev) => setForm({ ...form, note: ev.target.value })} />
            </label>
            <div className="action-form__buttons">
              <button type="submit" className="btn btn--primary" disabled={busy || !valid}>
                {t('emg.saveCasualties')}
              </button>
              <button type="button" className="btn btn--quiet" onClick={() => setForm(null)}>
                {t('emg.cancel')}
              </button>
            </div>
          </form>
        ))}
    </Section>
  );
}

function InstructionsSection({ e, deptName, enabled, busy, run }: { e: EmergencyRecord; deptName: (id: string) => Localized; enabled: boolean; busy: boolean; run: Run }) {
  const { t, l, time } = useI18n();
  const [text, setText] = useState('');
  const [to, setTo] = useState<string[]>([]);
  if (!enabled && e.instructions.length === 0) return null;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (text.trim() === '' || to.length === 0) return;
    run({ action: 'instruct', version: e.version, text: text.trim(), to }, t('emg.instructSend'), () => {
      setText('');
      setTo([]);
    });
  };
  return (
    <Section title={t('emg.instructions')} testId="emergency-instructions">
      {e.instructions.length > 0 && (
        <ol className="instructions">
          {[...e.instructions].reverse().map((i) => {
            const pending = i.to.filter((x) => i.acknowledgedBy[x] === undefined);
            return (
              <li key={i.id} className="instruction" data-testid="desk-instruction" data-instruction-id={i.id} data-pending={pending.length}>
                <span className="instruction__text">{i.text}</span>
                <span className="instruction__by">
                  {i.by} · <span className="mono">{time(i.at)}</span>
                </span>
                {Object.entries(i.acknowledgedBy).map(([x, at]) => (
                  <span key={x} className="instruction__by">
                    {t('emg.ackBy', { dept: l(deptName(x)), time: time(at) })}
                  </span>
                ))}
                {pending.length > 0 && <span className="emg-tag emg-tag--alarm">{t('emg.ackPending', { depts: pending.map((x) => l(deptName(x))).join('、') })}</span>}
              </li>
            );
          })}
        </ol>
      )}
      {enabled && (
        <form className="instruct-form emg-instruct" onSubmit={submit} data-testid="emergency-instruct">
          <fieldset className="emg-to">
            <legend className="field__label">{t('emg.instructTo')}</legend>
            {e.departments.map((x) => (
              <label key={x.department} className="emg-check">
                <input type="checkbox" checked={to.includes(x.department)} onChange={(ev) => setTo(ev.target.checked ? [...to, x.department] : to.filter((y) => y !== x.department))} />
                {l(deptName(x.department))}
              </label>
            ))}
          </fieldset>
          <textarea className="control" rows={2} maxLength={4000} aria-label={t('emg.instructText')} placeholder={t('emg.instructText')} value={text} onChange={(ev) => setText(ev.target.value)} />
          <button type="submit" className="btn btn--primary" disabled={busy || text.trim() === '' || to.length === 0}>
            {t('emg.instructSend')}
          </button>
        </form>
      )}
    </Section>
  );
}

function Reports({ e, controls, busy, run }: { e: EmergencyRecord; controls: DeskControls; busy: boolean; run: Run }) {
  const { t } = useI18n();
  const slots = reportSlots(e.reports);
  if (!controls.draftReport && e.reports.length === 0) return null;
  return (
    <Section title={t('emg.reports')} testId="emergency-reports">
      {slots.map((s) => (
        <ReportSlotView key={s.kind} e={e} slot={s} controls={controls} busy={busy} run={run} />
      ))}
    </Section>
  );
}

function ReportSlotView({ e, slot, controls, busy, run }: { e: EmergencyRecord; slot: ReportSlot; controls: DeskControls; busy: boolean; run: Run }) {
  const { t, l, time, day } = useI18n();
  const kind = l(REPORT_KIND_LABELS[slot.kind]);
  // The officer's edits, kept per draft until sent or replaced.
  const [edited, setEdited] = useState<{ id: string; text: string } | null>(null);
  const draft = slot.draft;
  const text = draft && edited?.id === draft.id ? edited.text : (draft?.draft ?? '');
  const askDraft = () => run({ action: 'draft_report', version: e.version, kind: slot.kind }, t('emg.draft', { kind }), () => setEdited(null));
  return (
    <div className="emg-report" data-testid="emergency-report" data-kind={slot.kind}>
      {slot.sent.map((r: EmergencyReport) => (
        <details key={r.id} className="emg-report__sent" data-testid="report-sent" data-report-id={r.id}>
          <summary>
            {kind} · {t('emg.sentAt', { name: r.sentBy ?? '', time: `${day(r.sentAt!)} ${time(r.sentAt!)}` })}
          </summary>
          <pre className="emg-report__text">{r.text}</pre>
        </details>
      ))}
      {draft !== null && (
        <div className="emg-report__draft">
          <textarea className="control emg-report__editor" rows={14} maxLength={20_000} aria-label={t('emg.reportText', { kind })} value={text} readOnly={!controls.sendReport} onChange={(ev) => setEdited({ id: draft.id, text: ev.target.value })} data-testid="report-draft" />
          <div className="action-form__buttons">
            {controls.sendReport && (
              <button type="button" className="btn btn--primary" disabled={busy || text.trim() === ''} onClick={() => run({ action: 'send_report', version: e.version, reportId: draft.id, text: text.trim() }, t('emg.send', { kind }), () => setEdited(null))}>
                {t('emg.send', { kind })}
              </button>
            )}
            {controls.draftReport && edited?.id === draft.id && (
              <button type="button" className="btn" disabled={busy} onClick={() => run({ action: 'draft_report', version: e.version, kind: slot.kind, text: text.trim() }, t('emg.saveDraft'))}>
                {t('emg.saveDraft')}
              </button>
            )}
            {controls.draftReport && (
              <button type="button" className="btn btn--quiet" disabled={busy} onClick={askDraft}>
                {t('emg.redraft')}
              </button>
            )}
          </div>
        </div>
      )}
      {draft === null && slot.open && controls.draftReport && (
        <button type="button" className="btn" disabled={busy} onClick={askDraft}>
          {t('emg.draft', { kind })}
        </button>
      )}
    </div>
  );
}

/** A one-field command (phone report, note). */
function TextCommand({ testId, title, label, submit, busy, onSubmit }: { testId: string; title: string; label: string; submit: string; busy: boolean; onSubmit: (text: string, done: () => void) => void }) {
  const [text, setText] = useState('');
  return (
    <Section title={title} testId={testId}>
      <form
        className="instruct-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (text.trim() !== '') onSubmit(text.trim(), () => setText(''));
        }}
      >
        <textarea className="control" rows={2} maxLength={2000} aria-label={label} placeholder={label} value={text} onChange={(ev) => setText(ev.target.value)} />
        <button type="submit" className="btn" disabled={busy || text.trim() === ''}>
          {submit}
        </button>
      </form>
    </Section>
  );
}

/** Every action, newest first, as the server wrote it (zh-CN sentences). */
function Timeline({ e, profile, departments }: { e: EmergencyRecord; profile: CityProfile; departments: readonly Department[] }) {
  const i18n = useI18n();
  const { t, time, day } = i18n;
  const sayings = timelineSayings(i18n, departments, profile.emergency?.plans ?? []);
  return (
    <Section title={t('emg.timeline')} testId="emergency-timeline">
      <ol className="timeline">
        {[...e.timeline].reverse().map((x) => (
          <li key={x.seq} className={`event event--emg-${x.kind}${x.ok === false ? ' event--emg-failed' : ''}`} data-testid="timeline-entry" data-kind={x.kind}>
            <span className="event__when mono">{`${day(x.at)} ${time(x.at)}`}</span>
            <span className="event__what">{timelineSentence(x, e, sayings)}</span>
            <span className="event__actor">{x.actor.name}</span>
          </li>
        ))}
      </ol>
    </Section>
  );
}
