import type { WallLayout } from '../layout.ts';
import { useWallData } from '../WallData.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { DispatchPanel } from './DispatchPanel.tsx';
import { DomainPanel } from './DomainPanel.tsx';
import { FeedPanel } from './FeedPanel.tsx';
import { MapPanel } from './MapPanel.tsx';
import { VideoPanel } from './VideoPanel.tsx';

/**
 * The one-screen overview. Standard (16:9): two domains and the alerts left, map and
 * events centre, three domains right. Wide (32:9): alerts and events, then every domain in
 * its own full-height column, two left and three right of the map. Dispatch figures
 * join the events where this screen may read cases.
 */
export function OverviewPage({ layout, dispatch }: { layout: WallLayout; dispatch: boolean }) {
  const { profile } = useWallData();
  const hasVideo = profile.devices.some((d) => d.type === 'camera' && d.streamUrl !== undefined);
  if (layout === 'wide') {
    return (
      <div className="overview overview--wide" data-testid="overview">
        <div className="overview__col overview__col--events">
          <AlertsPanel />
          {dispatch && <DispatchPanel rates />}
          <FeedPanel />
          {hasVideo && <VideoPanel />}
        </div>
        <DomainPanel domain="government" column />
        <DomainPanel domain="environment" column />
        <div className="overview__map">
          <MapPanel />
        </div>
        <DomainPanel domain="safety" column />
        <DomainPanel domain="livelihood" column />
        <DomainPanel domain="tourism" column />
      </div>
    );
  }
  return (
    <div className="overview overview--standard" data-testid="overview">
      <div className="overview__col overview__col--left">
        <DomainPanel domain="government" />
        <DomainPanel domain="environment" />
        <AlertsPanel />
      </div>
      <div className="overview__col overview__col--centre">
        <MapPanel />
        <div className="overview__strip">
          <FeedPanel />
          {dispatch && <DispatchPanel rates={false} />}
          {hasVideo && <VideoPanel />}
        </div>
      </div>
      <div className="overview__col">
        <DomainPanel domain="safety" />
        <DomainPanel domain="livelihood" />
        <DomainPanel domain="tourism" />
      </div>
    </div>
  );
}
