import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** One line of an NDJSON body, 1-based, without its line break. */
export interface Line {
  n: number;
  text: string;
}

/** A line over the length limit: reported, never buffered beyond the limit. */
export const TOO_LONG = Symbol('too long');

/**
 * Splits decoded text into lines as it arrives, holding at most one partial line. A line
 * longer than `maxLine` characters is dropped as it streams and reported once as too long.
 * Blank lines are skipped (they still count in the numbering).
 */
export class LineSplitter {
  private carry = '';
  private skipping = false;
  private n = 0;

  constructor(private readonly maxLine: number) {}

  push(text: string, out: (Line | { n: number; text: typeof TOO_LONG })[]): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.n++;
      if (this.skipping) {
        this.skipping = false;
      } else {
        const piece = this.carry === '' ? text.slice(start, nl) : this.carry + text.slice(start, nl);
        this.carry = '';
        this.emit(piece, out);
      }
      start = nl + 1;
    }
    if (this.skipping) return;
    const rest = text.length > start ? text.slice(start) : '';
    if (this.carry.length + rest.length > this.maxLine) {
      this.carry = '';
      this.skipping = true;
      out.push({ n: this.n + 1, text: TOO_LONG });
    } else if (rest !== '') {
      this.carry += rest;
    }
  }

  /** The last line, when the body does not end with a line break. */
  end(out: (Line | { n: number; text: typeof TOO_LONG })[]): void {
    if (!this.skipping && this.carry !== '') {
      this.n++;
      this.emit(this.carry, out);
    }
    this.carry = '';
  }

  private emit(piece: string, out: (Line | { n: number; text: typeof TOO_LONG })[]): void {
    const text = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
    if (text.length > this.maxLine) out.push({ n: this.n, text: TOO_LONG });
    else if (text.trim() !== '') out.push({ n: this.n, text });
  }
}

export class BodyTooLarge extends Error {}
export class BadEncoding extends Error {}

/**
 * The request body as decoded text chunks, decompressed when gzip, with the decompressed size
 * bounded (a small gzip body can inflate a thousandfold). Reading stops the moment a bound is
 * passed, so a bomb costs at most `maxBytes` of work.
 */
export async function* bodyText(raw: Readable, gzip: boolean, maxBytes: number): AsyncGenerator<string> {
  const source: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (err) => source.destroy(err));
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new BodyTooLarge(`body larger than ${maxBytes} bytes${gzip ? ' once decompressed' : ''}`);
      yield decoder.write(chunk);
    }
  } catch (err) {
    if (err instanceof BodyTooLarge) throw err;
    if (gzip && typeof (err as { code?: unknown }).code === 'string' && String((err as { code: string }).code).startsWith('Z_')) {
      throw new BadEncoding('body is not valid gzip');
    }
    throw err;
  } finally {
    if (gzip) source.destroy();
  }
  const tail = decoder.end();
  if (tail !== '') yield tail;
}
