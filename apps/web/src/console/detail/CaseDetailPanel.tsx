import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { can } from '@cw/access';
import { type CaseAction, type CaseCommand, type CaseSummary, type CasesTopic } from '@cw/contracts';
import { TRANSITION_ACTION_LABELS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLive } from '../../live/store.ts';
import { useCaseCommand, useCaseDetail } from '../api.ts';
import { useDesk } from '../deskContext.ts';
import { describeFailure, type Failure } from '../failure.ts';
import { FailureMessage } from '../FailureMessage.tsx';
import type { KeyCommand } from '../keys.ts';
import { ActionBar } from './ActionBar.tsx';
import { ActionForm } from './ActionForm.tsx';
import { actionFields, buildCommand, needsForm, shortcutActions, type ActionValues } from './actions.ts';
import { CaseFacts } from './CaseFacts.tsx';
import { CaseMap } from './CaseMap.tsx';
import { DetailHeader } from './DetailHeader.tsx';
import { DuplicateList } from './DuplicateList.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { Instructions } from './Instructions.tsx';
import { SlaTimers } from './SlaTimers.tsx';

/** The desk hands the detail the keys that act on a case. */
export interface DetailHandle {
  /** Returns whether the key was used. */
  handle: (cmd: KeyCommand) => boolean;
}

interface Props {
  caseId: string;
  /** The case as the live topic has it now, when it is on it. */
  live: CaseSummary | undefined;
  /** The desk's live topic, for the versions of merge partners. */
  topic: CasesTopic;
  onOpenCase: (id: string) => void;
  ref?: Ref<DetailHandle>;
}

type Outcome = { kind: 'done'; action: CaseAction } | { kind: 'failed'; failure: Failure };

/**
 * One case: what it is, its clocks, history, instructions and place, and the actions the
 * user may take on it now. Every change is sent with the version the user saw; a change
 * someone else made meanwhile is refused by the server (409) and shown, never overwritten.
 */
export function CaseDetailPanel({ caseId, live, topic, onOpenCase, ref }: Props) {
  const { t, l } = useI18n();
  const { me, profile } = useDesk();
  const detail = useCaseDetail(caseId, live);
  const command = useCaseCommand(caseId);
  const cases = useLive((s) => s.topics[topic]) as Record<string, CaseSummary> | undefined;
  const [form, setForm] = useState<{ action: CaseAction; version: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const instructionRef = useRef<HTMLTextAreaElement>(null);

  const d = detail.data;
  const actions = d ? shortcutActions(d.allowed, me.role, profile.dispatchRoles) : [];
  const canInstruct = can(me.role, 'cases.instruct');

  const send = (cmd: CaseCommand) =>
    command.mutate(cmd, {
      onSuccess: () => {
        setForm(null);
        setOutcome({ kind: 'done', action: cmd.action });
      },
      onError: (err) => {
        const failure = describeFailure(err);
        // The form was for a case that no longer exists in that shape: show the case as it is now.
        if (failure.kind === 'conflict') setForm(null);
        setOutcome({ kind: 'failed', failure });
      },
    });

  // While a newer version of the case is loading, what is shown is known to be stale: act once it is here.
  const stale = detail.isPlaceholderData && live !== undefined && d?.case.version !== live.version;
  const busy = command.isPending || stale;
  const take = (action: CaseAction) => {
    if (!d || busy) return;
    setOutcome(null);
    if (needsForm(actionFields(action))) setForm({ action, version: d.case.version });
    else send(buildCommand(action, { id: d.case.id, version: d.case.version }, {}));
  };

  const submitForm = (values: ActionValues) => {
    if (form) send(buildCommand(form.action, { id: caseId, version: form.version }, values));
  };

  useImperativeHandle(ref, () => ({
    handle: (cmd) => {
      if (cmd.kind === 'action') {
        const hit = actions.find((a) => a.key === cmd.key);
        if (hit) take(hit.action);
        return hit !== undefined;
      }
      if (cmd.kind === 'instruct' && canInstruct) {
        instructionRef.current?.focus();
        return instructionRef.current !== null;
      }
      if (cmd.kind === 'close' && form) {
        setForm(null);
        return true;
      }
      return false;
    },
  }));

  if (!d) {
    const failure = detail.isError ? describeFailure(detail.error) : null;
    return <div className="detail detail--empty">{failure ? <FailureMessage failure={failure} testId="detail-error" /> : <p className="muted">{t('loading')}</p>}</div>;
  }
  const sla = live?.sla ?? d.sla;
  return (
    <article className="detail" data-testid="detail" data-case-id={d.case.id} data-version={d.case.version}>
      <DetailHeader record={d.case} sla={sla} instructions={d.instructions.length} />
      <div className="detail__actions">
        <ActionBar actions={actions} active={form?.action ?? null} busy={busy} onTake={take} />
        {outcome?.kind === 'failed' && <FailureMessage failure={outcome.failure} testId={outcome.failure.kind === 'conflict' ? 'conflict' : 'command-error'} />}
        {outcome?.kind === 'done' && (
          <p className="notice notice--ok" role="status" data-testid="command-done">
            {t('actions.done', { action: l(TRANSITION_ACTION_LABELS[outcome.action]) })}
          </p>
        )}
        {form && (
          <ActionForm
            key={form.action}
            action={form.action}
            record={d.case}
            version={form.version}
            liveVersion={live?.version}
            duplicates={d.duplicates}
            versionOf={(id) => cases?.[id]?.version}
            busy={command.isPending}
            onSubmit={submitForm}
            onCancel={() => setForm(null)}
          />
        )}
      </div>
      <div className="detail__body">
        <div className="detail__col">
          <CaseFacts record={d.case} onOpenCase={onOpenCase} />
          <SlaTimers record={d.case} sla={sla} />
          <DuplicateList duplicates={d.duplicates} onOpenCase={onOpenCase} />
          <Instructions caseId={d.case.id} instructions={d.instructions} canInstruct={canInstruct} inputRef={instructionRef} />
        </div>
        <div className="detail__col">
          <CaseMap division={d.case.division} location={d.case.location} />
          <HistoryTimeline history={d.history} />
        </div>
      </div>
    </article>
  );
}
