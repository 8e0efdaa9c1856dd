import { useEffect } from 'react';
import { alertsOf, feedOf, useLive } from '../live/store.ts';
import { criticalAlerts, criticalFeedItems, freshItems, newestTarget } from './focus.ts';
import { focusAlert } from './wallStore.ts';

/**
 * Watches the alerts and feed topics for critical items that were not there before and
 * brings the overview to the newest. Subscribes outside React's render, so topic updates
 * re-render nothing here.
 */
export function useCriticalFocus(): void {
  useEffect(() => {
    let knownAlerts: Set<string> | null = null;
    let knownFeed: Set<string> | null = null;
    let seen: { alerts: unknown; feed: unknown } = { alerts: undefined, feed: undefined };
    const check = () => {
      const state = useLive.getState();
      const alerts = alertsOf(state);
      const feed = feedOf(state);
      if (alerts === seen.alerts && feed === seen.feed) return;
      seen = { alerts, feed };
      let freshAlerts: ReturnType<typeof criticalAlerts> = [];
      let freshFeed: ReturnType<typeof criticalFeedItems> = [];
      if (alerts !== undefined) ({ known: knownAlerts, fresh: freshAlerts } = freshItems(knownAlerts, criticalAlerts(alerts)));
      if (feed !== undefined) ({ known: knownFeed, fresh: freshFeed } = freshItems(knownFeed, criticalFeedItems(feed)));
      const target = newestTarget(freshAlerts, freshFeed);
      if (target !== null) focusAlert(target, Date.now());
    };
    check();
    return useLive.subscribe(check);
  }, []);
}
