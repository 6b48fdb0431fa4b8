import { systemClock, type Clock } from '../../../core/input/Clock.js';
import type { DeviceStatus } from '../../../core/input/DeviceStatus.js';
import type { InputEvent } from '../../../core/input/InputEvent.js';
import { TypedEmitter } from '../../../core/input/TypedEmitter.js';
import {
  burstDeadline,
  expireBurst,
  initialBurstState,
  stepBurst,
  type BurstConfig,
  type BurstState,
  type Terminator,
} from '../../../core/input/classifyBurst.js';
import type { Stroke } from '../../../core/input/Stroke.js';
import type { InputSource, InputSourceEvents } from '../../../ports/InputSource.js';
import { blessedKeyToStroke, type BlessedKey } from './blessedKeyToStroke.js';

type KeypressFn = (ch: string | undefined, key: BlessedKey | undefined) => void;

/** The slice of a blessed Program or Screen this adapter needs; blessed itself is never imported. */
export interface KeypressEmitter {
  on(event: 'keypress', fn: KeypressFn): unknown;
  removeListener?(event: 'keypress', fn: KeypressFn): unknown;
}

/** Demo-mode "scan" prompt state, for the UI to draw: open with the text typed so far, or closed. */
export interface ScanPrompt {
  open: boolean;
  text: string;
}

export interface TerminalKeyEvents extends InputSourceEvents {
  scanPrompt: ScanPrompt;
}

export interface TerminalKeyInputOptions {
  id?: string;
  clock?: Clock;
  /**
   * Recognise a keyboard-wedge scanner typing into this terminal (hidraw mode, or no profile for
   * it) by timing; see classifyBurst. Default on; keys then reach the UI maxGapMs late.
   */
  scanDetection?: boolean;
  terminator?: Terminator;
  maxGapMs?: number;
  minLength?: number;
  /** Demo mode: this key (blessed name, e.g. 'f9') opens the scan prompt. Default: none. */
  demoScanKey?: string;
  /**
   * Where a prompted code goes: e.g. a FakeScanner, so demo scans come from a 'scanner' source as
   * real ones do. Default: emitted as a scan event from this terminal source.
   */
  scanTarget?: { scan(code: string): boolean };
}

/**
 * The terminal keyboard as an InputSource: always available (it is how the app is driven when no
 * HID device works), so its status is 'present' from start() on. In demo mode `demoScanKey` or
 * promptScan() opens a prompt: typed text then Enter becomes a scan event from this source, Esc
 * cancels; while it is open typed keys do not reach the UI as key events.
 */
export class TerminalKeyInput extends TypedEmitter<TerminalKeyEvents> implements InputSource {
  readonly id: string;
  private readonly clock: Clock;
  private readonly cfg: BurstConfig;
  private readonly demoScanKey: string | undefined;
  private readonly scanTarget: TerminalKeyInputOptions['scanTarget'];
  private burst: BurstState = initialBurstState;
  private timer: unknown;
  private running = false;
  private current: DeviceStatus;
  private prompt: string | null = null;
  private readonly onKeypress: KeypressFn = (ch, key) => this.handle(ch, key);

  constructor(
    private readonly program: KeypressEmitter,
    opts: TerminalKeyInputOptions = {},
  ) {
    super();
    this.id = opts.id ?? 'terminal';
    this.clock = opts.clock ?? systemClock;
    this.demoScanKey = opts.demoScanKey;
    this.scanTarget = opts.scanTarget;
    this.cfg = {
      mode: opts.scanDetection === false ? 'keys' : 'mixed',
      terminator: opts.terminator ?? 'enter',
      maxGapMs: opts.maxGapMs ?? 40,
      minLength: opts.minLength ?? 4,
      source: this.id,
    };
    this.current = { source: this.id, role: 'keyboard', state: 'missing', at: this.clock.now() };
  }

  status(): DeviceStatus {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.program.on('keypress', this.onKeypress);
    this.current = { source: this.id, role: 'keyboard', state: 'present', at: this.clock.now() };
    this.emit('device', this.current);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clock.clearTimer(this.timer);
    this.burst = initialBurstState;
    this.program.removeListener?.('keypress', this.onKeypress);
  }

  /** Opens the demo scan prompt (same as pressing demoScanKey). */
  promptScan(): void {
    if (!this.running || this.prompt !== null) return;
    this.flushBurst();
    this.prompt = '';
    this.emit('scanPrompt', { open: true, text: '' });
  }

  get promptOpen(): boolean {
    return this.prompt !== null;
  }

  private handle(ch: string | undefined, key: BlessedKey | undefined): void {
    if (!this.running) return;
    if (this.demoScanKey !== undefined && key?.name === this.demoScanKey && !key.ctrl && !key.meta) return this.promptScan();
    const stroke = blessedKeyToStroke(ch, key, this.clock.now());
    if (stroke === null) return;
    if (this.prompt !== null) return this.promptKey(stroke);
    const step = stepBurst(this.burst, stroke, this.cfg);
    this.burst = step.state;
    this.deliver(step.events);
    this.arm();
  }

  private promptKey(s: Stroke): void {
    const text = this.prompt ?? '';
    if (s.key === 'back') return this.closePrompt();
    if (s.key === 'enter') {
      const code = text.trim();
      this.closePrompt();
      if (code === '') return;
      if (this.scanTarget !== undefined) this.scanTarget.scan(code);
      else this.deliver([{ type: 'scan', code, source: this.id, at: s.t }]);
      return;
    }
    if (s.key === 'clear') this.prompt = text.slice(0, -1);
    else if (s.value !== undefined) this.prompt = text + s.value;
    else return;
    this.emit('scanPrompt', { open: true, text: this.prompt });
  }

  private closePrompt(): void {
    this.prompt = null;
    this.emit('scanPrompt', { open: false, text: '' });
  }

  private arm(): void {
    this.clock.clearTimer(this.timer);
    const due = burstDeadline(this.burst, this.cfg);
    if (due !== null) this.timer = this.clock.setTimer(() => this.flushBurst(), Math.max(0, due - this.clock.now()));
  }

  private flushBurst(): void {
    this.clock.clearTimer(this.timer);
    // Called at the deadline, so expireBurst releases the buffered keys (or a terminator-less scan).
    const step = expireBurst(this.burst, Math.max(this.clock.now(), burstDeadline(this.burst, this.cfg) ?? 0), this.cfg);
    this.burst = step.state;
    this.deliver(step.events);
  }

  private deliver(events: InputEvent[]): void {
    if (!this.running) return;
    for (const e of events) this.emit('input', e);
  }
}
