import { canSubscribe, type Identity } from '@cw/access';
import { CITY_SCOPE, vitalsTopic, type CityProfile, type Topic, type WallPage } from '@cw/contracts';

/** What the dispatch board reads; walls and leaders may, a department handler may not. */
const BOARD_TOPICS: readonly Topic[] = ['cases', 'dispatch'];

/** Whether this identity may see a wall page: the board needs every case. */
export function mayShowPage(who: Identity, page: WallPage): boolean {
  return page !== 'dispatch' || BOARD_TOPICS.every((t) => canSubscribe(who, t));
}

/**
 * The topics a wall keeps open: every page's, and the emergencies that switch it to 战时,
 * so that neither the rotation nor a declaration ever reconnects (one connection per screen).
 */
export function wallTopics(profile: CityProfile, who: Identity): Topic[] {
  const vitals = [vitalsTopic(CITY_SCOPE), ...profile.divisions.map((d) => vitalsTopic(d.code))];
  return ['system', 'alerts', 'feed', 'emergencies', ...vitals, ...(mayShowPage(who, 'dispatch') ? BOARD_TOPICS : [])];
}
