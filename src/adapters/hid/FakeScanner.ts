import { systemClock, type Clock } from '../../core/input/Clock.js';
import type { DeviceStatus, Presence } from '../../core/input/DeviceStatus.js';
import { isValidInputEvent, sanitizeScanCode, type ScanEvent } from '../../core/input/InputEvent.js';
import { TypedEmitter } from '../../core/input/TypedEmitter.js';
import type { InputSource, InputSourceEvents } from '../../ports/InputSource.js';

/**
 * A scanner without hardware, for demo mode and tests: `scan('SAYAC-123456')` delivers one scan
 * event, `unplug()`/`plug()` drive presence like a real scanner. Keeps the port's contract: nothing
 * before start() or after stop(), and nothing while unplugged.
 */
export class FakeScanner extends TypedEmitter<InputSourceEvents> implements InputSource {
  private current: DeviceStatus;
  private running = false;
  private plugged = true;
  private announced = false;

  constructor(
    readonly id = 'demo-scanner',
    private readonly clock: Clock = systemClock,
  ) {
    super();
    this.current = { source: id, role: 'scanner', state: 'missing', at: clock.now() };
  }

  status(): DeviceStatus {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.set(this.plugged ? 'present' : 'missing');
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  /** Returns whether the scan was delivered (false when stopped, unplugged, or an empty code). */
  scan(code: string, symbology?: string): boolean {
    if (!this.running || !this.plugged) return false;
    const e: ScanEvent = { type: 'scan', code: sanitizeScanCode(code), source: this.id, at: this.clock.now() };
    if (symbology !== undefined && symbology !== '') e.symbology = symbology;
    if (!isValidInputEvent(e)) return false;
    this.emit('input', e);
    return true;
  }

  unplug(): void {
    this.plugged = false;
    if (this.running) this.set('missing');
  }

  plug(): void {
    this.plugged = true;
    if (this.running) this.set('present');
  }

  private set(state: Presence): void {
    if (this.current.state === state && this.announced) return;
    this.announced = true;
    this.current = { source: this.id, role: 'scanner', state, at: this.clock.now() };
    this.emit('device', this.current);
  }
}
