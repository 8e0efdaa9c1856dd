import { topicFamily, type Role, type TopicFamily } from '@cw/contracts';
import { can, type Action } from './permissions.ts';

export interface Identity {
  role: Role;
  department: string | null;
}

/** The permission each kind of topic needs; the kinds are listed once, in the contracts. */
const TOPIC_ACTION: Record<TopicFamily, Action> = {
  vitals: 'vitals.read',
  alerts: 'alerts.read',
  feed: 'feed.read',
  system: 'system.read',
  cases: 'cases.read_all',
  dispatch: 'cases.read_all',
  emergencies: 'emergencies.read',
  department_cases: 'cases.read_department',
};

/** The permission a topic needs, or null for a topic that does not exist. */
function topicAction(topic: string): Action | null {
  const family = topicFamily(topic);
  return family === null ? null : TOPIC_ACTION[family];
}

/**
 * May this identity subscribe to this topic? Through the permission table, plus the
 * department scope: `cases:<department>` only for that department's own handlers.
 */
export function canSubscribe(who: Identity, topic: string): boolean {
  const action = topicAction(topic);
  if (action === null || !can(who.role, action)) return false;
  if (action === 'cases.read_department') return who.department !== null && topic === `cases:${who.department}`;
  return true;
}
