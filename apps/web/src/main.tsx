import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Redirect, Route, Switch } from 'wouter';
import { AuthGate } from './auth/AuthGate.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { WallPage } from './wall/WallPage.tsx';
import './styles/base.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Walls run for weeks: keep retrying reference data until the server answers.
    queries: { retry: true, retryDelay: (n) => Math.min(1000 * 2 ** n, 15_000), staleTime: 5 * 60_000 },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthGate>
          <Switch>
            <Route path="/wall" component={WallPage} />
            <Route>
              <Redirect to="/wall" replace />
            </Route>
          </Switch>
        </AuthGate>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
