/**
 * Prefixes every line of a stream that arrives in arbitrary chunks, so interleaved output from the platform's
 * log and the script stays readable. No line written is longer than 16 KiB: a longer one is cut, and a line
 * with no end in sight is flushed in such pieces, so a script that prints megabytes without a newline can grow
 * neither the buffer nor a line of output without bound.
 */

const FLUSH_PARTIAL_AT = 16 * 1024;

/** Turns chunks into prefixed, complete lines written through `write`. */
export class LinePrefixer {
  private partial = '';

  constructor(
    private readonly prefix: string,
    private readonly write: (text: string) => void,
  ) {}

  /** Adds text; writes every line it completes, cutting any line at FLUSH_PARTIAL_AT characters. */
  push(text: string): void {
    const data = this.partial + text;
    const lastNewline = data.lastIndexOf('\n');
    const complete = lastNewline === -1 ? '' : data.slice(0, lastNewline);
    let rest = lastNewline === -1 ? data : data.slice(lastNewline + 1);
    const out: string[] = [];
    if (lastNewline !== -1) for (const line of complete.split('\n')) for (const piece of this.cut(line)) out.push(piece);
    while (rest.length >= FLUSH_PARTIAL_AT) {
      out.push(rest.slice(0, FLUSH_PARTIAL_AT));
      rest = rest.slice(FLUSH_PARTIAL_AT);
    }
    this.partial = rest;
    if (out.length > 0) this.write(out.map((line) => `${this.prefix}${line}\n`).join(''));
  }

  /** Writes what is left of an unterminated last line. */
  end(): void {
    if (this.partial !== '') this.write(`${this.prefix}${this.partial}\n`);
    this.partial = '';
  }

  private cut(line: string): string[] {
    if (line.length <= FLUSH_PARTIAL_AT) return [line];
    const pieces: string[] = [];
    for (let i = 0; i < line.length; i += FLUSH_PARTIAL_AT) pieces.push(line.slice(i, i + FLUSH_PARTIAL_AT));
    return pieces;
  }
}
