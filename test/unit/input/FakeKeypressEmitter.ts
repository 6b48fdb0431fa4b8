// Stands in for a blessed Program/Screen: emits 'keypress' (ch, key) pairs the way blessed's
// keys.js + program.js do, including the doubled Enter ('enter' then 'return') for '\r'.
import type { BlessedKey } from '../../../src/adapters/ui/terminal/blessedKeyToStroke.js';
import type { KeypressEmitter } from '../../../src/adapters/ui/terminal/TerminalKeyInput.js';

type Fn = (ch: string | undefined, key: BlessedKey | undefined) => void;

export class FakeKeypressEmitter implements KeypressEmitter {
  private fns = new Set<Fn>();

  on(_event: 'keypress', fn: Fn): this {
    this.fns.add(fn);
    return this;
  }

  removeListener(_event: 'keypress', fn: Fn): this {
    this.fns.delete(fn);
    return this;
  }

  get listeners(): number {
    return this.fns.size;
  }

  key(ch: string | undefined, key: BlessedKey | undefined): void {
    for (const fn of [...this.fns]) fn(ch, key);
  }

  /** What blessed emits for a string arriving on stdin in one read (a TTY-typed scan, or typing). */
  typeText(text: string): void {
    for (const c of text) {
      if (c === '\r') {
        this.key(c, { name: 'enter', sequence: '\r', full: 'enter' });
        this.key(c, { name: 'return', sequence: '\r', full: 'return' });
      } else if (c === ' ') this.key(c, { name: 'space', full: 'space' });
      else if (/[a-z]/.test(c)) this.key(c, { name: c, full: c });
      else if (/[A-Z]/.test(c)) this.key(c, { name: c.toLowerCase(), shift: true, full: `S-${c.toLowerCase()}` });
      else this.key(c, { ch: c, full: c } as BlessedKey);
    }
  }

  named(name: string): void {
    this.key(undefined, { name, full: name });
  }
}
