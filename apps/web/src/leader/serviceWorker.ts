import { useEffect } from 'react';

/**
 * Registers the service worker that keeps the app shell for offline starts (built by
 * vite-plugin-pwa). Only the leader's screen asks for it: walls and desks run on a wired
 * network and must always load the newest app.
 */
export function useServiceWorker(): void {
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
  }, []);
}
