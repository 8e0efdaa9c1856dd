import type { CaseRecord, CaseSlaView } from '@cw/contracts';
import { CaseFlags, SlaBadge, StateBadge, UrgencyBadge } from '../CaseBadges.tsx';
import { EscalateButton } from '../emergency/EscalateButton.tsx';

interface Props {
  record: CaseRecord;
  sla: CaseSlaView | null;
  instructions: number;
}

/** The case's id and title with its state, urgency, time-limit light and marks. */
export function DetailHeader({ record, sla, instructions }: Props) {
  return (
    <header className="detail__head">
      <div className="detail__badges">
        <span className="mono detail__id" data-testid="case-id">
          {record.id}
        </span>
        <StateBadge state={record.state} />
        <UrgencyBadge urgency={record.urgency} />
        <SlaBadge sla={sla} />
        <CaseFlags c={{ supervised: record.supervised, reminders: record.reminders, instructions }} />
        <EscalateButton record={record} />
      </div>
      <h2 className="detail__title" data-testid="case-title">
        {record.title}
      </h2>
    </header>
  );
}
