// Streams rows into PostgreSQL with COPY … FROM STDIN (text format), one long-lived COPY per table, each on
// its own connection. The generator hands rows to every table as it makes them; each table buffers up to
// FLUSH_BYTES, then writes, and the generator waits for a table whose stream is full (backpressure). So
// memory stays bounded whatever --events is, and PostgreSQL parses one table while Node generates the next
// rows and the other tables are being written.
import type { Writable } from 'node:stream';
import type postgres from 'postgres';

/** A value as COPY's text format spells it: NULL is \N; backslash, tab, newline and CR are escaped. */
export type CopyValue = string | number | boolean | null;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** A PostgreSQL array literal ({"a","b"}) of text or enum values, to be passed through `copyText`. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

const FLUSH_BYTES = 256 * 1024;

export class CopyStream {
  rows = 0;
  private buffer: string[] = [];
  private buffered = 0;
  private drained: Promise<void> | null = null;
  private failure: Error | null = null;

  private constructor(
    readonly table: string,
    private readonly writable: Writable,
  ) {
    writable.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  /** Starts `COPY table (columns) FROM STDIN` on `sql` (a connection reserved for this table). */
  static async open(
    sql: postgres.Sql | postgres.ReservedSql,
    table: string,
    columns: readonly string[],
  ): Promise<CopyStream> {
    const columnList = columns.map((c) => `"${c}"`).join(', ');
    const writable = await sql.unsafe(`COPY "${table}" (${columnList}) FROM STDIN`).writable();
    return new CopyStream(table, writable);
  }

  /** Adds one row; values in the order of the columns given to `open`. */
  push(values: readonly CopyValue[]): void {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      line += (i === 0 ? '' : '\t') + copyText(values[i]!);
    }
    line += '\n';
    this.buffer.push(line);
    this.buffered += line.length;
    this.rows++;
    if (this.buffered >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const ok = this.writable.write(this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
    if (!ok && !this.drained) {
      this.drained = new Promise((resolve) => this.writable.once('drain', resolve)).then(() => {
        this.drained = null;
      });
    }
  }

  /** Resolves when this table can take more rows without growing its buffer. */
  async ready(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.drained) await this.drained;
  }

  /** Sends what is left and ends the COPY; resolves once PostgreSQL has accepted every row. */
  async finish(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.writable.once('error', reject);
      this.writable.end(() => resolve());
    });
    if (this.failure) throw this.failure;
  }

  /** Aborts the COPY (PostgreSQL rolls it back). */
  abort(error: Error): void {
    this.writable.destroy(error);
  }
}
