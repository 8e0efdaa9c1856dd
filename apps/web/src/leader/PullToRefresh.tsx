import { useRef, useState, type ReactNode, type TouchEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n.tsx';
import { PULL_TRIGGER_PX, pullDistance } from './gestures.ts';

/**
 * The scrolling body of the screen. Pulled down from the top, it re-reads everything read
 * over HTTP (history, case and emergency details); live figures need no refresh.
 */
export function PullToRefresh({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const body = useRef<HTMLElement>(null);
  const start = useRef<{ y: number; x: number } | null>(null);
  const [pull, setPull] = useState(0);
  const [refreshing, setRefreshing] = useState(false);

  const onStart = (e: TouchEvent) => {
    const touch = e.touches[0];
    start.current = touch && e.touches.length === 1 && (body.current?.scrollTop ?? 0) <= 0 ? { y: touch.clientY, x: touch.clientX } : null;
  };
  const onMove = (e: TouchEvent) => {
    const touch = e.touches[0];
    if (!start.current || !touch) return;
    setPull(pullDistance(touch.clientX - start.current.x, touch.clientY - start.current.y));
  };
  const onEnd = () => {
    if (start.current && pull >= PULL_TRIGGER_PX) {
      setRefreshing(true);
      void qc.refetchQueries({ type: 'active' }).finally(() => setRefreshing(false));
    }
    start.current = null;
    setPull(0);
  };
  const shown = refreshing ? PULL_TRIGGER_PX : pull;
  return (
    <main className="leader-body" ref={body} onTouchStart={onStart} onTouchMove={onMove} onTouchEnd={onEnd} onTouchCancel={onEnd} data-testid="leader-body">
      <div className="leader-pull" style={{ height: shown }} aria-live="polite" data-testid="pull-indicator" data-state={refreshing ? 'refreshing' : pull >= PULL_TRIGGER_PX ? 'armed' : 'idle'}>
        {shown > 0 && <span>{t(refreshing ? 'leader.pull.refreshing' : pull >= PULL_TRIGGER_PX ? 'leader.pull.release' : 'leader.pull.pull')}</span>}
      </div>
      {children}
    </main>
  );
}
