// Run by ingestor.test.ts in a child process: many sources submit a few events each at once
// (their submissions share journal commits), each one printed as it is acknowledged; the
// process kills itself with SIGKILL right after the acknowledgement numbered by its second
// argument, the next group's submissions waiting.
import fs from 'node:fs';
import { systemClock } from '../clock.ts';
import type { Ingestor } from '../ingest/ingestor.ts';
import { Serial } from '../serial.ts';
import { openSqliteStorage } from '../storage/sqlite.ts';
import { testIngestor } from './ingestor-fixture.ts';

const storage = openSqliteStorage(process.argv[2]!);
const killAfter = Number(process.argv[3]);
const ingestor: Ingestor = testIngestor(storage, new Serial(), systemClock());
let acked = 0;

for (let round = 0; ; round++) {
  const done: Promise<void>[] = [];
  for (let s = 0; s < 20; s++) {
    const source = { id: `src-${s}`, kinds: null, maxEventsPerSec: null };
    const candidates = Array.from({ length: 5 }, (_, i) => ({
      line: i + 1,
      event: { kind: 'air.reading' as const, id: `r${round}-${i}`, ts: Date.now(), division: '430502', station: 'sq-1', values: { pm25: 30, pm10: 60, so2: 8, no2: 30, co: 0.8, o3: 60 } },
    }));
    done.push(
      ingestor.submitLines(source, candidates).then((r) => {
        fs.writeSync(1, `${source.id} r${round} ${r.accepted}\n`);
        if (++acked === killAfter) process.kill(process.pid, 'SIGKILL');
      }),
    );
  }
  await Promise.all(done);
}
