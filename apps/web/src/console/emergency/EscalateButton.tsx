import { useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { can } from '@cw/access';
import { isOpenCase } from '@cw/dispatch';
import type { CaseRecord } from '@cw/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDesk } from '../deskContext.ts';
import { DeclareDialog } from './DeclareDialog.tsx';
import { emergencyHref } from './EmergencyScreen.tsx';

/** 升级为突发事件 on an open case, for those who may declare (the server decides again). */
export function EscalateButton({ record }: { record: CaseRecord }) {
  const { t } = useI18n();
  const { me, profile, kind } = useDesk();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  if (kind !== 'centre' || !can(me.role, 'emergency.declare') || !isOpenCase(record)) return null;
  return (
    <>
      <button type="button" className="btn btn--small btn--danger" onClick={() => setOpen(true)}>
        {t('emg.escalate')}
      </button>
      {open && (
        <DeclareDialog
          from={{ kind: 'case', caseId: record.id, title: record.title }}
          profile={profile}
          onClose={() => setOpen(false)}
          onDeclared={(id) => {
            setOpen(false);
            navigate(emergencyHref(search, id));
          }}
        />
      )}
    </>
  );
}
