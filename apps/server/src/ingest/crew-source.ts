import type { Actor, CaseTransition, Department } from '@cw/contracts';
import { CREW_PREFIX, crewMove } from '@cw/simulator';
import type { Logger } from 'pino';
import type { CaseService } from '../dispatch/case-service.ts';
import type { Storage } from '../storage/storage.ts';

const isCrew = (a: Actor) => a.userId.startsWith(CREW_PREFIX);

/**
 * The simulated duty crew (officers, shift leaders, departments; packages/simulator/src/crew.ts)
 * as a source beside the simulator: it works the simulated reports through the same
 * CaseService commands and permission checks as people, and leaves a case alone once a real
 * person acts on it. The real CaseService knows nothing of it.
 */
export class SimulatedCrew {
  /** Simulated reports no real person has touched yet: the crew works these. */
  private readonly cases = new Set<string>();

  constructor(
    private readonly desk: CaseService,
    private readonly storage: Pick<Storage, 'caseHistories'>,
    private readonly departments: () => readonly Department[],
    private readonly seed: number,
    private readonly log: Logger,
  ) {
    desk.onChange((transitions) => this.follow(transitions));
  }

  /** After the desk's restore: the live cases whose whole history is the crew's (or the server's chases). */
  async restore(): Promise<void> {
    const ids = this.desk.liveCases().map((c) => c.id);
    const histories = await this.storage.caseHistories(ids);
    for (const id of ids) {
      const history = histories.get(id) ?? [];
      if (history.every((t) => isCrew(t.actor) || (t.actor.role === 'system' && t.action !== 'report'))) this.cases.add(id);
    }
  }

  private follow(transitions: readonly CaseTransition[]): void {
    for (const t of transitions) {
      if (t.action === 'report') {
        if (isCrew(t.actor)) this.cases.add(t.caseId);
      } else if (!isCrew(t.actor) && t.actor.role !== 'system') {
        // Once a real person acts on a simulated case, the crew leaves it to them.
        this.cases.delete(t.caseId);
      }
    }
  }

  /** The crew's moves due at `now`, one command per case at most. */
  async tick(now: number): Promise<void> {
    // Once a tick, not once a case: the list is rebuilt on every call, and a first start's
    // case history replays a tick a simulated minute for two days over hundreds of cases.
    const departments = this.departments();
    for (const id of [...this.cases]) {
      const c = this.desk.liveCase(id);
      if (c === undefined) {
        this.cases.delete(id);
        continue;
      }
      const move = crewMove(c, now, departments, this.seed);
      if (move === null) continue;
      const r = await this.desk.command(move.command, move.actor);
      if (!r.ok && (r.error === 'not_found' || r.error.code !== 'version_conflict')) this.log.warn({ caseId: id, error: r.error }, 'simulated crew move refused');
    }
  }
}
