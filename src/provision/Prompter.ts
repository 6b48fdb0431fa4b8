/**
 * The questions of interactive provisioning, behind a small interface: LinePrompter reads answers
 * line by line from any stream (a technician's terminal, or a script piped into stdin), so tests
 * drive the real thing with scripted answers.
 */
import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import { AppError, ErrorCode } from '../core/errors/AppError.js';

export interface Choice<T> {
  label: string;
  value: T;
}

export interface Prompter {
  say(line: string): void;
  /** Re-asks until `validate` returns undefined; an empty answer takes `default` when there is one. */
  ask(question: string, o?: { default?: string; validate?: (v: string) => string | undefined }): Promise<string>;
  /** Not echoed on a terminal. */
  secret(question: string, o?: { validate?: (v: string) => string | undefined }): Promise<string>;
  /** Numbered list; the answer is the number (1-based), or empty for the default. */
  choose<T>(question: string, choices: readonly Choice<T>[], defaultIndex?: number): Promise<T>;
  confirm(question: string, def: boolean): Promise<boolean>;
  close(): void;
}

export class LinePrompter implements Prompter {
  private readonly lines: AsyncIterator<string>;
  private readonly rl;
  private muted = false;

  constructor(
    input: Readable,
    private readonly output: NodeJS.WritableStream,
  ) {
    // Echo goes through a gate so secrets typed on a terminal are not shown.
    const gate = new Writable({
      write: (chunk, _enc, cb) => {
        if (!this.muted) output.write(chunk);
        cb();
      },
    });
    this.rl = createInterface({ input, output: gate, terminal: (input as { isTTY?: boolean }).isTTY === true });
    this.lines = this.rl[Symbol.asyncIterator]();
  }

  say(line: string): void {
    this.output.write(`${line}\n`);
  }

  private async line(prompt: string): Promise<string> {
    this.output.write(prompt);
    const r = await this.lines.next();
    if (r.done) throw new AppError('input ended before provisioning was complete', ErrorCode.Input_Invalid, { context: { reason: 'eof' } });
    return r.value.trim();
  }

  async ask(question: string, o: { default?: string; validate?: (v: string) => string | undefined } = {}): Promise<string> {
    for (;;) {
      const raw = await this.line(`${question}${o.default !== undefined && o.default !== '' ? ` [${o.default}]` : ''}: `);
      const v = raw === '' && o.default !== undefined ? o.default : raw;
      const err = o.validate?.(v);
      if (!err) return v;
      this.say(`  ${err}`);
    }
  }

  async secret(question: string, o: { validate?: (v: string) => string | undefined } = {}): Promise<string> {
    for (;;) {
      this.output.write(`${question}: `);
      this.muted = true;
      let v: string;
      try {
        v = await this.line('');
      } finally {
        this.muted = false;
      }
      this.output.write('\n');
      const err = o.validate?.(v);
      if (!err) return v;
      this.say(`  ${err}`);
    }
  }

  async choose<T>(question: string, choices: readonly Choice<T>[], defaultIndex = 0): Promise<T> {
    this.say(question);
    choices.forEach((c, i) => this.say(`  ${String(i + 1).padStart(2)}) ${c.label}`));
    const n = await this.ask('Choice', {
      default: String(defaultIndex + 1),
      validate: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= choices.length ? undefined : `a number 1–${choices.length}`),
    });
    return choices[Number(n) - 1]!.value;
  }

  async confirm(question: string, def: boolean): Promise<boolean> {
    const v = await this.ask(`${question} (y/n)`, {
      default: def ? 'y' : 'n',
      validate: (x) => (/^(y|yes|e|evet|n|no|h|hayır)$/i.test(x) ? undefined : 'y or n'),
    });
    return /^(y|yes|e|evet)$/i.test(v);
  }

  close(): void {
    this.rl.close();
  }
}
