import { useState, type FormEvent, type Ref } from 'react';
import type { Instruction } from '@cw/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useInstruct } from '../api.ts';
import { describeFailure } from '../failure.ts';
import { FailureMessage } from '../FailureMessage.tsx';

interface Props {
  caseId: string;
  instructions: readonly Instruction[];
  /** Leaders may give instructions (批示); everyone who sees the case reads them. */
  canInstruct: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
}

/** Leaders' instructions on the case, newest first, and the leader's box to add one ("I" focuses it). */
export function Instructions({ caseId, instructions, canInstruct, inputRef }: Props) {
  const { t, day, time } = useI18n();
  const instruct = useInstruct(caseId);
  const [text, setText] = useState('');
  if (!canInstruct && instructions.length === 0) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') return;
    instruct.mutate(text.trim(), { onSuccess: () => setText('') });
  };
  return (
    <section className="section section--instructions" aria-labelledby="ins-title" data-testid="instructions">
      <h3 className="section__title" id="ins-title">
        {t('ins.title')} {instructions.length > 0 && <span className="section__count">{instructions.length}</span>}
      </h3>
      {instructions.length > 0 && (
        <ol className="instructions">
          {[...instructions].reverse().map((i, n) => (
            <li key={`${i.at}-${n}`} className="instruction" data-testid="instruction">
              <span className="instruction__text">{i.text}</span>
              <span className="instruction__by">
                {i.byName} · <span className="mono">{`${day(i.at)} ${time(i.at)}`}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
      {canInstruct && (
        <form className="instruct-form" onSubmit={submit}>
          <textarea
            ref={inputRef}
            className="control"
            rows={2}
            maxLength={2000}
            placeholder={t('ins.placeholder')}
            aria-label={t('ins.new')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            }}
            data-testid="instruction-text"
          />
          <button type="submit" className="btn btn--primary" disabled={instruct.isPending || text.trim() === ''} data-testid="instruction-submit">
            {t('ins.submit')} <kbd>Ctrl+Enter</kbd>
          </button>
          {instruct.isError && <FailureMessage failure={describeFailure(instruct.error)} />}
        </form>
      )}
    </section>
  );
}
