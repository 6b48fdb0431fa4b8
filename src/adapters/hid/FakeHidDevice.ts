import type { HidDeviceInfo, HidHandle } from './HidModule.js';

type DataFn = (data: Buffer) => void;
type ErrorFn = (err: unknown) => void;

/** The handle FakeHid.HIDAsync.open returns; behaves like node-hid's HIDAsync for our purposes. */
export class FakeHidHandle implements HidHandle {
  private dataFns: DataFn[] = [];
  private errorFns: ErrorFn[] = [];
  closed = false;

  constructor(readonly device: FakeHidDevice) {}

  on(event: 'data', fn: DataFn): this;
  on(event: 'error', fn: ErrorFn): this;
  on(event: 'data' | 'error', fn: DataFn | ErrorFn): this {
    if (event === 'data') this.dataFns.push(fn as DataFn);
    else this.errorFns.push(fn as ErrorFn);
    return this;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.dataFns = [];
    this.errorFns = [];
    this.device.detach(this);
  }

  /** Like node-hid: data is not buffered when nobody listens. */
  deliver(bytes: Uint8Array): void {
    if (this.closed) return;
    for (const fn of [...this.dataFns]) fn(Buffer.from(bytes));
  }

  fail(err: unknown): void {
    if (this.closed) return;
    for (const fn of [...this.errorFns]) fn(err);
  }
}

/**
 * A fake physical HID device: plug it into a FakeHid, open it through the adapter, then push
 * reports (`send`), replay a recording (see hidRecording.ts), or break the read (`fail`, as an
 * unplug does: hidapi's read returns -1 and node-hid emits 'error').
 */
export class FakeHidDevice {
  private handle: FakeHidHandle | undefined;
  /** Reports sent while no one had the device open: lost, as on a real device. */
  dropped = 0;

  constructor(readonly info: HidDeviceInfo) {}

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  open(): FakeHidHandle {
    this.handle = new FakeHidHandle(this);
    return this.handle;
  }

  detach(h: FakeHidHandle): void {
    if (this.handle === h) this.handle = undefined;
  }

  send(bytes: Uint8Array | readonly number[]): void {
    if (this.handle === undefined) this.dropped++;
    else this.handle.deliver(Uint8Array.from(bytes));
  }

  fail(err: unknown = Object.assign(new Error('could not read from HID device'), { code: 'EIO' })): void {
    this.handle?.fail(err);
  }
}
