import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

function Loading() {
  const { t } = useI18n();
  return <div className="gate-loading">{t('loading')}</div>;
}

/** A screen fetched when first opened, so that a wall never downloads the desks' code. */
function lazyScreen(load: () => Promise<ComponentType>): ComponentType {
  const Screen = lazy(async () => ({ default: await load() }));
  return function LazyScreen() {
    return (
      <Suspense fallback={<Loading />}>
        <Screen />
      </Suspense>
    );
  };
}

export const ConsoleScreen = lazyScreen(() => import('../console/ConsoleApp.tsx').then((m) => m.ConsoleApp));
export const DepartmentScreen = lazyScreen(() => import('../console/DepartmentApp.tsx').then((m) => m.DepartmentApp));
export const AdminScreen = lazyScreen(() => import('../admin/AdminApp.tsx').then((m) => m.AdminApp));
export const BriefingScreen = lazyScreen(() => import('../briefing/BriefingPage.tsx').then((m) => m.BriefingPage));
export const LeaderScreen = lazyScreen(() => import('../leader/LeaderApp.tsx').then((m) => m.LeaderApp));
export const InspectorScreen = lazyScreen(() => import('../inspector/InspectorApp.tsx').then((m) => m.InspectorApp));
