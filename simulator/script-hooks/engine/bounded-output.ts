/**
 * Keeps what a script wrote, up to a limit, for the report. A hook may print megabytes; the report needs the
 * beginning (what it was doing) and the end (why it failed), never the whole stream in memory.
 */

/** What a script wrote on one stream, possibly with its middle left out. */
export interface CapturedOutput {
  /** The kept text; when `truncated`, a marker line stands where bytes were left out. */
  readonly text: string;
  /** Every byte the script wrote on this stream. */
  readonly totalBytes: number;
  readonly truncated: boolean;
}

/** The default budget per stream: 32 KiB of head and 32 KiB of tail. */
export const DEFAULT_KEEP_BYTES = 64 * 1024;

/** Accumulates a byte stream, keeping at most `keepBytes` (half head, half tail). */
export class BoundedOutput {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(keepBytes = DEFAULT_KEEP_BYTES) {
    this.headLimit = Math.ceil(keepBytes / 2);
    this.tailLimit = Math.floor(keepBytes / 2);
  }

  /** Adds one chunk. */
  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(this.headLimit - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0 || this.tailLimit === 0) return;
    // Copy: the tail outlives the chunk, and a subarray would pin the whole (possibly large) source buffer.
    this.tail.push(Buffer.from(rest.subarray(Math.max(0, rest.length - this.tailLimit))));
    this.tailBytes += Math.min(rest.length, this.tailLimit);
    while (this.tailBytes - this.tail[0].length >= this.tailLimit) {
      this.tailBytes -= this.tail[0].length;
      this.tail.shift();
    }
    if (this.tail.length > 64) this.tail = [Buffer.concat(this.tail)];
  }

  /** The kept text; a marker says how many bytes were left out of the middle. */
  result(): CapturedOutput {
    const head = Buffer.concat(this.head);
    let tail = Buffer.concat(this.tail);
    if (tail.length > this.tailLimit) tail = tail.subarray(tail.length - this.tailLimit);
    const omitted = this.total - head.length - tail.length;
    if (omitted <= 0) return { text: Buffer.concat([head, tail]).toString('utf8'), totalBytes: this.total, truncated: false };
    const marker = `\n[… ${omitted} bytes not kept by the simulator …]\n`;
    return { text: head.toString('utf8') + marker + tail.toString('utf8'), totalBytes: this.total, truncated: true };
  }
}
