import { cityProfileSchema } from '@cw/contracts';
import { cityAirStations } from '@cw/metrics';
import profileJson from '../../../../profiles/shaoyang/profile.json' with { type: 'json' };
import type { Clock } from '../clock.ts';
import { Ingestor, KnownPlaces } from '../ingest/ingestor.ts';
import { RollupHost } from '../rollup/rollup-host.ts';
import type { Serial } from '../serial.ts';
import type { Storage } from '../storage/storage.ts';

const profile = cityProfileSchema.parse(profileJson);

/** An ingestor over `storage` for Shaoyang, as the server builds it (an hour's late allowance). */
export function testIngestor(storage: Storage, serial: Serial, clock: Clock): Ingestor {
  const rollup = new RollupHost(storage, { utcOffsetMinutes: profile.utcOffsetMinutes, allowedLatenessMs: 3_600_000, rawRetentionMs: 48 * 3_600_000, cityAirStations: cityAirStations(profile) });
  return new Ingestor(new KnownPlaces(profile), storage, rollup, serial, clock);
}
