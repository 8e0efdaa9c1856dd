// Run by sqlite-group-commit.test.ts in a child process: appends audit entries (some joining
// journal transactions, some committed on their own) and journal batches, prints each one as
// it is acknowledged, and kills itself with SIGKILL, unflushed work pending, right after the
// acknowledgement numbered by its second argument.
import fs from 'node:fs';
import { openSqliteStorage } from '../storage/sqlite.ts';

const storage = openSqliteStorage(process.argv[2]!);
const killAfter = Number(process.argv[3]);
let acked = 0;
const ack = (what: string) => {
  fs.writeSync(1, `${what}\n`);
  if (++acked === killAfter) process.kill(process.pid, 'SIGKILL');
};
const entry = (action: string) => ({ at: 0, actor: 'u1', actorName: '李', role: 'admin' as const, action, target: null, outcome: 'ok' as const, ip: '127.0.0.1', detail: null });

for (let round = 0; ; round++) {
  const done: Promise<void>[] = [];
  // In one turn: five entries, a journal batch (which takes them into its transaction), five more (committed together just after).
  for (let i = 0; i < 5; i++) done.push(storage.appendAudit(entry(`a${round}-${i}`)).then(() => ack(`audit a${round}-${i}`)));
  const event = { kind: 'air.reading' as const, id: `e${round}`, ts: Date.now(), division: '430502', station: 'sq-1', values: { pm25: 30, pm10: 60, so2: 8, no2: 30, co: 0.8, o3: 60 } };
  done.push(storage.appendEvents([event], 'src-1').then(() => ack(`event e${round}`)));
  for (let i = 5; i < 10; i++) done.push(storage.appendAudit(entry(`a${round}-${i}`)).then(() => ack(`audit a${round}-${i}`)));
  await Promise.all(done);
}
