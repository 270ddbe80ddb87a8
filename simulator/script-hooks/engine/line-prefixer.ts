/**
 * Prefixes every line of a stream that arrives in arbitrary chunks, so interleaved output from the platform's
 * log and the script stays readable. A line with no end in sight is flushed once it is long, so a script that
 * prints megabytes without a newline cannot grow the buffer without bound.
 */

const FLUSH_PARTIAL_AT = 16 * 1024;

/** Turns chunks into prefixed, complete lines written through `write`. */
export class LinePrefixer {
  private partial = '';

  constructor(
    private readonly prefix: string,
    private readonly write: (text: string) => void,
  ) {}

  /** Adds text; writes every line it completes. */
  push(text: string): void {
    const data = this.partial + text;
    const lastNewline = data.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.partial = data;
    } else {
      const complete = data.slice(0, lastNewline);
      this.partial = data.slice(lastNewline + 1);
      this.write(complete.split('\n').map((line) => `${this.prefix}${line}\n`).join(''));
    }
    if (this.partial.length >= FLUSH_PARTIAL_AT) {
      this.write(`${this.prefix}${this.partial}\n`);
      this.partial = '';
    }
  }

  /** Writes what is left of an unterminated last line. */
  end(): void {
    if (this.partial !== '') this.write(`${this.prefix}${this.partial}\n`);
    this.partial = '';
  }
}
