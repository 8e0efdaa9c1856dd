import { describe, expect, it } from 'vitest';
import { chunkText, packChunk } from './sqlite-rollups.ts';

describe('a journal chunk packed', () => {
  it('reads back as its lines joined by line breaks, multi-byte text included', () => {
    const lines = ['{"kind":"air.reading","id":"a"}', '{"note":"城市之窗 😀"}', '{"x":1}'];
    expect(chunkText(packChunk(lines))).toBe('{"kind":"air.reading","id":"a"}\n{"note":"城市之窗 😀"}\n{"x":1}');
    expect(chunkText(packChunk(['only']))).toBe('only');
  });

  it('holds a chunk larger than its kept buffer, and the next chunk after it is not mixed with it', () => {
    // 40 lines of 60,000 three-byte characters: 7.2 MB of UTF-8, past the 2 MiB kept between chunks.
    const long = Array.from({ length: 40 }, (_, i) => `${i}:${'城'.repeat(60_000)}`);
    const text = chunkText(packChunk(long));
    expect(text.length).toBe(long.reduce((a, l) => a + l.length, 0) + 39);
    expect(text.split('\n')).toEqual(long);
    expect(chunkText(packChunk(['a', 'b']))).toBe('a\nb');
  });
});
