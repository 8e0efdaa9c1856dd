import { useI18n } from '../i18n/i18n.tsx';

/** The text of an instruction (批示), on a case or an emergency; its limit is the route's. */
export function InstructionText({ value, onChange, maxLength }: { value: string; onChange: (text: string) => void; maxLength: number }) {
  const { t } = useI18n();
  return (
    <textarea
      className="leader-input"
      rows={3}
      maxLength={maxLength}
      placeholder={t('leader.instruct.placeholder')}
      aria-label={t('leader.instruct.new')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid="instruct-text"
    />
  );
}
