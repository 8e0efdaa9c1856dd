import type { Ref } from 'react';
import { CASE_STATES, CATEGORIES, CHANNELS, type Localized } from '@cw/contracts';
import { CASE_STATE_LABELS, CATEGORY_LABELS, CHANNEL_LABELS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDesk } from '../deskContext.ts';
import { NO_FILTER, isFiltered, type QueueFilter } from './queue.ts';

interface Props {
  filter: QueueFilter;
  onChange: (filter: QueueFilter) => void;
  searchRef: Ref<HTMLInputElement>;
}

interface SelectProps<V extends string> {
  label: string;
  value: V | null;
  options: readonly { value: V; label: string }[];
  onChange: (value: V | null) => void;
  testId: string;
}

function FilterSelect<V extends string>({ label, value, options, onChange, testId }: SelectProps<V>) {
  const { t } = useI18n();
  return (
    <select className={`control control--select${value === null ? '' : ' is-set'}`} aria-label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as V))} data-testid={testId}>
      <option value="">
        {label}: {t('filter.any')}
      </option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

const optionsOf = <V extends string>(values: readonly V[], labels: Record<V, Localized>, l: (x: Localized) => string) => values.map((value) => ({ value, label: l(labels[value]) }));

/** Text search over title and id ("/" focuses it) and one select per classification. */
export function QueueFilters({ filter, onChange, searchRef }: Props) {
  const { t, l } = useI18n();
  const { profile, departments, kind } = useDesk();
  const set = (patch: Partial<QueueFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="filters" role="search">
      <input
        ref={searchRef}
        className="control control--search"
        type="search"
        placeholder={t('filter.searchPlaceholder')}
        aria-label={t('filter.search')}
        value={filter.text}
        onChange={(e) => set({ text: e.target.value })}
        data-testid="queue-search"
      />
      <FilterSelect label={t('filter.state')} value={filter.state} options={optionsOf(CASE_STATES, CASE_STATE_LABELS, l)} onChange={(state) => set({ state })} testId="filter-state" />
      <FilterSelect label={t('filter.channel')} value={filter.channel} options={optionsOf(CHANNELS, CHANNEL_LABELS, l)} onChange={(channel) => set({ channel })} testId="filter-channel" />
      <FilterSelect label={t('filter.category')} value={filter.category} options={optionsOf(CATEGORIES, CATEGORY_LABELS, l)} onChange={(category) => set({ category })} testId="filter-category" />
      <FilterSelect
        label={t('filter.division')}
        value={filter.division}
        options={profile.divisions.map((d) => ({ value: d.code, label: l(d.name) }))}
        onChange={(division) => set({ division })}
        testId="filter-division"
      />
      {kind === 'centre' && (
        <FilterSelect
          label={t('filter.department')}
          value={filter.department}
          options={departments.map((d) => ({ value: d.id, label: l(d.name) }))}
          onChange={(department) => set({ department })}
          testId="filter-department"
        />
      )}
      {isFiltered(filter) && (
        <button type="button" className="btn btn--quiet btn--small" onClick={() => onChange(NO_FILTER)}>
          {t('filter.clear')}
        </button>
      )}
    </div>
  );
}
