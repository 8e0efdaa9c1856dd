import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Route, Switch } from 'wouter';
import { AuthGate } from './auth/AuthGate.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { startClock } from './live/clock.ts';
import { RoleLanding } from './shell/RoleLanding.tsx';
import { AdminScreen, BriefingScreen, ConsoleScreen, DepartmentScreen, InspectorScreen, LeaderScreen } from './shell/screens.tsx';
import { WallApp } from './wall/WallApp.tsx';
import './styles/base.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Walls run for weeks and must outlive a server that is away for an hour: never give
      // up, back off to 15 s.
      retry: true,
      retryDelay: (n) => Math.min(1000 * 2 ** n, 15_000),
      refetchOnWindowFocus: false,
    },
  },
});

startClock();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthGate>
          <Switch>
            <Route path="/wall" component={WallApp} />
            <Route path="/wall/:page" component={WallApp} />
            <Route path="/console/:caseId?" component={ConsoleScreen} />
            <Route path="/department/:caseId?" component={DepartmentScreen} />
            <Route path="/inspector/:caseId?" component={InspectorScreen} />
            <Route path="/admin/:section?" component={AdminScreen} />
            <Route path="/briefing" component={BriefingScreen} />
            <Route path="/leader" component={LeaderScreen} />
            <Route path="/leader/*" component={LeaderScreen} />
            <Route component={RoleLanding} />
          </Switch>
        </AuthGate>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
