import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io';
import { bufferedBytes } from './socket-gateway.ts';

const fake = (writeBuffer: { data?: unknown }[], bufferedAmount?: number) =>
  ({ conn: { writeBuffer, transport: bufferedAmount === undefined ? {} : { socket: { bufferedAmount } } } }) as unknown as Pick<Socket, 'conn'>;

describe('bufferedBytes', () => {
  it("adds engine.io's queued packets (UTF-8 bytes of text, length of binary) and ws's buffered amount", () => {
    // '城' is 3 bytes in UTF-8.
    expect(bufferedBytes(fake([{ data: '42["delta",{}]' }, { data: '城市' }, { data: new Uint8Array(10) }, {}], 1000))).toBe(14 + 6 + 10 + 1000);
  });

  it('counts only the write buffer on a transport without a ws socket (polling)', () => {
    expect(bufferedBytes(fake([{ data: 'abc' }]))).toBe(3);
    expect(bufferedBytes(fake([]))).toBe(0);
  });
});
