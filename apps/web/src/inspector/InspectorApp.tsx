import { useEffect, useMemo, useState } from 'react';
import { useLocation, useRoute, useSearch } from 'wouter';
import { type CaseAction, type CaseSummary } from '@cw/contracts';
import { CATEGORY_LABELS } from '@cw/vocabulary';
import { useProfile, useServerClockSampling } from '../api/queries.ts';
import { HttpError } from '../auth/session.ts';
import { useCaseCommand, useCaseDetail } from '../console/api.ts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';
import { AppHeader } from '../shell/AppHeader.tsx';
import { SCREEN_ROLES, withSearch } from '../shell/landing.ts';
import { LiveIndicator } from '../shell/LiveIndicator.tsx';
import { RequireRole } from '../shell/RequireRole.tsx';
import { ServerClock } from '../shell/ServerClock.tsx';
import { useLiveTopics } from '../shell/useLiveTopics.ts';
import { evidenceOf, fieldTask, fieldTasks, PHOTO_ACCEPT, photoProblem, type FieldPlace } from './field.ts';
import '../shell/shell.css';
import './inspector.css';

const TOPICS = ['system', 'cases'] as const;

/** /inspector: the field inspector's (监督员) desk for phones and tablets — verify reports (核实) and check results (核查) on site. */
export function InspectorApp() {
  return (
    <RequireRole roles={SCREEN_ROLES.inspector}>
      <InspectorGate />
    </RequireRole>
  );
}

function InspectorGate() {
  const { t } = useI18n();
  const profile = useProfile();
  useServerClockSampling();
  if (!profile.data) return <div className="gate-loading">{t('loading')}</div>;
  return (
    <I18nProvider timeZone={profile.data.timeZone}>
      <InspectorDesk />
    </I18nProvider>
  );
}

function InspectorDesk() {
  const { t, l, time } = useI18n();
  useLiveTopics(TOPICS);
  const live = useLive((s) => s.topics.cases) as Record<string, CaseSummary> | undefined;
  const tasks = useMemo(() => fieldTasks(Object.values(live ?? {})), [live]);
  const [, params] = useRoute<{ caseId: string }>('/inspector/:caseId');
  const selected = params?.caseId ?? null;
  const [, navigate] = useLocation();
  const search = useSearch();
  const open = (id: string | null) => navigate(withSearch(id === null ? '/inspector' : `/inspector/${encodeURIComponent(id)}`, search));

  return (
    <div className={`field-desk${selected ? ' field-desk--case' : ''}`} data-testid="inspector-desk">
      <AppHeader title={t('inspector.title')}>
        <ServerClock />
        <LiveIndicator />
      </AppHeader>
      <div className="field-desk__body">
        <section className="field-list" aria-label={t('inspector.tasks')}>
          <h2 className="field-list__title">
            {t('inspector.tasks')} <span className="field-list__count">{tasks.length}</span>
          </h2>
          {live === undefined && <p className="muted">{t('loading')}</p>}
          {live !== undefined && tasks.length === 0 && <p className="muted">{t('inspector.none')}</p>}
          <ul className="field-list__items">
            {tasks.map((c) => (
              <li key={c.id}>
                <button type="button" className={`field-item${c.id === selected ? ' field-item--on' : ''}`} onClick={() => open(c.id)} data-testid="inspector-task" data-case={c.id}>
                  <span className={`field-item__task field-item__task--${fieldTask(c)}`}>{t(fieldTask(c) === 'verify' ? 'inspector.verify' : 'inspector.check')}</span>
                  <span className="field-item__title">{c.title}</span>
                  <span className="field-item__meta">
                    {l(CATEGORY_LABELS[c.category])} · {c.id}
                    {c.sla?.deadline != null && <span className={`field-item__due field-item__due--${c.sla.light}`}> · {t('inspector.due', { time: time(c.sla.deadline) })}</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="field-detail" aria-label={t('inspector.onSite')}>
          {selected === null ? <p className="muted field-detail__pick">{t('inspector.pick')}</p> : <FieldCase key={selected} id={selected} live={live?.[selected]} onDone={() => open(null)} />}
        </section>
      </div>
    </div>
  );
}

/** Uploads a photo for a case; answers its id. */
async function uploadPhoto(caseId: string, file: File): Promise<string> {
  const res = await fetch(`/api/v1/cases/${encodeURIComponent(caseId)}/photos`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': file.type }, body: file });
  const body = (await res.json().catch(() => ({}))) as { photoId?: string; error?: string; message?: string };
  if (!res.ok || !body.photoId) throw new HttpError(res.status, body);
  return body.photoId;
}

function FieldCase({ id, live, onDone }: { id: string; live: CaseSummary | undefined; onDone: () => void }) {
  const { t, l, time } = useI18n();
  const profile = useProfile().data!;
  const detail = useCaseDetail(id, live);
  const command = useCaseCommand(id);
  const [photo, setPhoto] = useState<{ id: string; url: string } | null>(null);
  const [photoState, setPhotoState] = useState<'idle' | 'uploading' | 'type' | 'size' | 'failed'>('idle');
  const [place, setPlace] = useState<FieldPlace>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [manual, setManual] = useState(false);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<'comment' | 'location' | null>(null);
  useEffect(() => {
    if (!photo) return undefined;
    return () => URL.revokeObjectURL(photo.url);
  }, [photo]);

  const d = detail.data;
  if (!d) return detail.isError ? <FailureMessage failure={describeFailure(detail.error)} /> : <p className="muted">{t('loading')}</p>;
  const c = d.case;
  const task = fieldTask(c);
  const sub = c.subCategory ? profile.caseCategories.find((s) => s.id === c.subCategory) : undefined;

  const choosePhoto = async (file: File | undefined) => {
    if (!file) return;
    const bad = photoProblem(file);
    if (bad) return setPhotoState(bad);
    setPhotoState('uploading');
    try {
      const photoId = await uploadPhoto(c.id, file);
      setPhoto({ id: photoId, url: URL.createObjectURL(file) });
      setPhotoState('idle');
    } catch {
      setPhotoState('failed');
    }
  };
  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('failed');
      setManual(true);
      return;
    }
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPlace({ source: 'device', lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: p.coords.accuracy });
        setLocating('idle');
        setManual(false);
      },
      () => {
        setLocating('failed');
        setManual(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const send = (action: CaseAction, needsComment: boolean) => {
    const evidence = evidenceOf(photo?.id ?? null, place);
    if (evidence === 'bad_location') return setProblem('location');
    if (needsComment && !comment.trim()) return setProblem('comment');
    setProblem(null);
    const base = { caseId: c.id, expectedVersion: c.version, ...(comment.trim() ? { comment: comment.trim() } : {}), ...(Object.keys(evidence).length > 0 ? { evidence } : {}) };
    const cmd = action === 'report_verification' ? { ...base, action } : action === 'check_pass' ? { ...base, action } : { ...base, action: 'check_fail' as const };
    command.mutate(cmd, { onSuccess: onDone });
  };
  const may = (a: CaseAction) => d.allowed.includes(a);

  return (
    <article className="field-case" data-testid="inspector-case" data-task={task ?? 'none'}>
      <header className="field-case__head">
        <button type="button" className="btn btn--quiet field-case__back" onClick={onDone} data-testid="inspector-back">
          ← {t('inspector.back')}
        </button>
        <span className={`field-item__task field-item__task--${task}`}>{task ? t(task === 'verify' ? 'inspector.verify' : 'inspector.check') : c.state}</span>
      </header>
      <h2 className="field-case__title">{c.title}</h2>
      <dl className="field-case__facts">
        <dt>{t('case.category')}</dt>
        <dd>
          {l(CATEGORY_LABELS[c.category])}
          {sub ? ` / ${l(sub.name)}` : ''}
        </dd>
        {c.address && (
          <>
            <dt>{t('case.address')}</dt>
            <dd>{c.address}</dd>
          </>
        )}
        {c.location && (
          <>
            <dt>{t('inspector.reportedAt')}</dt>
            <dd>
              {c.location[0].toFixed(5)}, {c.location[1].toFixed(5)}
            </dd>
          </>
        )}
        {d.sla?.deadline != null && (
          <>
            <dt>{t('inspector.deadline')}</dt>
            <dd className={`field-item__due--${d.sla.light}`}>{time(d.sla.deadline)}</dd>
          </>
        )}
        {task === 'check' && sub && (
          <>
            <dt>{t('case.closure')}</dt>
            <dd data-testid="inspector-closure">{l(sub.closure)}</dd>
          </>
        )}
      </dl>
      {c.description && <p className="field-case__description">{c.description}</p>}

      {task && (
        <div className="field-case__evidence">
          <label className="btn field-case__photo-btn">
            {photo ? t('inspector.photoAgain') : t('inspector.photo')}
            <input
              type="file"
              accept={PHOTO_ACCEPT.join(',')}
              capture="environment"
              className="field-case__file"
              onChange={(e) => void choosePhoto(e.target.files?.[0])}
              data-testid="inspector-photo"
            />
          </label>
          {photoState === 'uploading' && <span className="muted">{t('inspector.uploading')}</span>}
          {(photoState === 'type' || photoState === 'size' || photoState === 'failed') && <span className="field__error">{t(`inspector.photo.${photoState}`)}</span>}
          {photo && <img className="field-case__preview" src={photo.url} alt={t('inspector.photoTaken')} data-testid="inspector-preview" />}

          <div className="field-case__place">
            <button type="button" className="btn" onClick={locate} disabled={locating === 'busy'} data-testid="inspector-locate">
              {locating === 'busy' ? t('inspector.locating') : t('inspector.locate')}
            </button>
            <button type="button" className="btn btn--quiet" onClick={() => setManual((m) => !m)} data-testid="inspector-manual">
              {t('inspector.manual')}
            </button>
          </div>
          {locating === 'failed' && <span className="field__error">{t('inspector.locateFailed')}</span>}
          {place?.source === 'device' && (
            <span className="muted" data-testid="inspector-place">
              {t('inspector.placeDevice', { lon: place.lon.toFixed(5), lat: place.lat.toFixed(5), m: Math.round(place.accuracyM) })}
            </span>
          )}
          {manual && (
            <div className="field-row">
              <label className="field">
                <span className="field__label">{t('intake.lon')}</span>
                <input
                  className="control"
                  inputMode="decimal"
                  value={place?.source === 'manual' ? place.lon : ''}
                  onChange={(e) => setPlace({ source: 'manual', lon: e.target.value, lat: place?.source === 'manual' ? place.lat : '' })}
                  data-testid="inspector-lon"
                />
              </label>
              <label className="field">
                <span className="field__label">{t('intake.lat')}</span>
                <input
                  className="control"
                  inputMode="decimal"
                  value={place?.source === 'manual' ? place.lat : ''}
                  onChange={(e) => setPlace({ source: 'manual', lat: e.target.value, lon: place?.source === 'manual' ? place.lon : '' })}
                  data-testid="inspector-lat"
                />
              </label>
            </div>
          )}
          {problem === 'location' && <span className="field__error">{t('inspector.badPlace')}</span>}

          <label className="field">
            <span className="field__label">{t(task === 'verify' ? 'inspector.findings' : 'inspector.remark')}</span>
            <textarea className="control" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="inspector-comment" />
          </label>
          {problem === 'comment' && <span className="field__error">{t('inspector.needComment')}</span>}
          {command.isError && <FailureMessage failure={describeFailure(command.error)} />}
          <div className="field-case__actions">
            {task === 'verify' && may('report_verification') && (
              <button type="button" className="btn btn--primary" disabled={command.isPending} onClick={() => send('report_verification', true)} data-testid="inspector-report-verification">
                {t('inspector.reportVerification')}
              </button>
            )}
            {task === 'check' && may('check_pass') && (
              <button type="button" className="btn btn--primary" disabled={command.isPending} onClick={() => send('check_pass', false)} data-testid="inspector-pass">
                {t('inspector.pass')}
              </button>
            )}
            {task === 'check' && may('check_fail') && (
              <button type="button" className="btn btn--danger" disabled={command.isPending} onClick={() => send('check_fail', true)} data-testid="inspector-fail">
                {t('inspector.fail')}
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
}
