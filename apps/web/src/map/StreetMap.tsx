import { useRef } from 'react';
import type { CaseLocation, MapTiles } from '@cw/contracts';
import { useBoxSize } from '../wall/useBoxSize.ts';
import { tileUrl, tilesCovering } from './tiles.ts';
import './street-map.css';

/** Street level: a few blocks around the place, enough to find it. */
const ZOOM = 16;

/** The streets around a place, from the configured XYZ tiles, with a pin on the place and the provider's credit. */
export function StreetMap({ source, location, label }: { source: MapTiles; location: CaseLocation; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useBoxSize(box);
  const z = Math.min(ZOOM, source.maxZoom);
  const tiles = width > 0 && height > 0 ? tilesCovering(location, z, width, height) : [];
  return (
    <div ref={box} className="street-map" data-testid="street-map" role="img" aria-label={label}>
      {tiles.map((t) => (
        <img key={`${t.x}/${t.y}`} className="street-map__tile" src={tileUrl(source, t)} alt="" draggable={false} style={{ left: t.left, top: t.top }} />
      ))}
      <span className="street-map__pin" aria-hidden />
      {source.attribution !== '' && <span className="street-map__credit">{source.attribution}</span>}
    </div>
  );
}
