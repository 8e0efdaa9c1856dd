import type { Role } from '@cw/contracts';
import { can, type Action } from './permissions.ts';

export interface Identity {
  role: Role;
  department: string | null;
}

/** The permission a topic needs, or null for a topic that does not exist. */
function topicAction(topic: string): Action | null {
  if (topic.startsWith('vitals:')) return 'vitals.read';
  if (topic === 'alerts') return 'alerts.read';
  if (topic === 'feed') return 'feed.read';
  if (topic === 'system') return 'system.read';
  if (topic === 'cases' || topic === 'dispatch') return 'cases.read_all';
  if (topic === 'emergencies') return 'emergencies.read';
  if (topic.startsWith('cases:')) return 'cases.read_department';
  return null;
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
