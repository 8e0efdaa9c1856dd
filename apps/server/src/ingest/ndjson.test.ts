import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadEncoding, BodyTooLarge, LineSplitter, TOO_LONG, bodyText } from './ndjson.ts';
import { EventValidator } from './validate.ts';

function split(chunks: string[], maxLine = 100) {
  const s = new LineSplitter(maxLine);
  const out: { n: number; text: string | typeof TOO_LONG }[] = [];
  for (const c of chunks) s.push(c, out);
  s.end(out);
  return out;
}

async function collect(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const t of it) s += t;
  return s;
}

describe('LineSplitter', () => {
  it('numbers lines across chunk boundaries, skips blank ones and drops CR before LF', () => {
    expect(split(['{"a":', '1}\n\n{"b"', ':2}\r\n', '{"c":3}'])).toEqual([
      { n: 1, text: '{"a":1}' },
      { n: 3, text: '{"b":2}' },
      { n: 4, text: '{"c":3}' },
    ]);
  });

  it('reports an over-long line once, without holding it, and goes on with the next', () => {
    expect(split(['ok\n', 'x'.repeat(60), 'x'.repeat(60), 'x'.repeat(60), '\nfine\n'], 100)).toEqual([
      { n: 1, text: 'ok' },
      { n: 2, text: TOO_LONG },
      { n: 3, text: 'fine' },
    ]);
    expect(split(['a\n' + 'y'.repeat(101) + '\nb'], 100)).toEqual([
      { n: 1, text: 'a' },
      { n: 2, text: TOO_LONG },
      { n: 3, text: 'b' },
    ]);
  });
});

describe('bodyText', () => {
  it('decompresses gzip, and keeps a multi-byte character split across chunks whole', async () => {
    const bytes = Buffer.from('{"name":"邵阳"}\n');
    const plain = Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]);
    expect(await collect(bodyText(plain, false, 1000))).toBe('{"name":"邵阳"}\n');
    expect(await collect(bodyText(Readable.from([gzipSync(bytes)]), true, 1000))).toBe('{"name":"邵阳"}\n');
  });

  it('stops a body, or a gzip bomb, at the decompressed bound', async () => {
    const bomb = gzipSync(Buffer.alloc(1_000_000, 0x20));
    expect(bomb.length).toBeLessThan(5000);
    await expect(collect(bodyText(Readable.from([bomb]), true, 100_000))).rejects.toBeInstanceOf(BodyTooLarge);
    await expect(collect(bodyText(Readable.from([Buffer.alloc(2000, 0x20)]), false, 1000))).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it('refuses a body that claims gzip and is not', async () => {
    await expect(collect(bodyText(Readable.from([Buffer.from('{"kind":"air.reading"}\n')]), true, 1000))).rejects.toBeInstanceOf(BadEncoding);
  });
});

describe('EventValidator', () => {
  const v = new EventValidator();
  const good = { kind: 'air.reading', id: 'a1', ts: 1_764_208_800_000, division: '430502', station: 's1', values: { pm25: 35, pm10: 60, so2: 8, no2: 30, co: 0.8, o3: 60 } };

  it('accepts an event of a known kind as it is', () => {
    expect(v.check(good)).toBe(good);
    expect(v.kinds).toContain('hotline.call');
  });

  it('names the field and the reason of a bad event', () => {
    expect(v.check({ ...good, values: { ...good.values, pm25: -5 } })).toBe('values.pm25 must be >= 0');
    expect(v.check({ ...good, extra: 1 })).toBe('has unknown field "extra"');
    expect(v.check({ kind: 'hotline.call', ts: 1, division: '430502', values: { answered: 1 } })).toBe('values lacks "waitSec"');
    expect(v.check({ ...good, kind: 'landslide.tilt' })).toBe('unknown kind "landslide.tilt"');
    expect(v.check({ ts: 1 })).toBe('no "kind"');
    expect(v.check([good])).toBe('not a JSON object');
    expect(v.check({ ...good, ts: 1.5 })).toBe('ts must be integer');
  });
});
