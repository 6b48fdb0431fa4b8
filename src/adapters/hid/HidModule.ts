/**
 * The part of node-hid v3 this adapter uses, as an interface so tests inject FakeHid and the
 * composition root injects the real module (`await import('node-hid')`), which satisfies it.
 */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  product?: string | undefined;
  serialNumber?: string | undefined;
  interface: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** An open device (node-hid HIDAsync): 'data' per input report, 'error' on read failure/unplug. */
export interface HidHandle {
  on(event: 'data', fn: (data: Buffer) => void): unknown;
  on(event: 'error', fn: (err: unknown) => void): unknown;
  close(): Promise<void>;
}

export interface HidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string): Promise<HidHandle> };
  /** Must run before the first devicesAsync/open: node-hid lazy-loads one native backend per process. */
  setDriverType(type: 'hidraw' | 'libusb'): void;
}

export type HidLoader = () => Promise<HidModule>;

/** Default loader. Kept behind a function so demo mode and tests never touch native code. */
export const loadNodeHid: HidLoader = async () => await import('node-hid');

// Compile-time proof that the real module fits the interface (type-only: loads nothing).
type NodeHid = typeof import('node-hid');
export type NodeHidFits = NodeHid extends HidModule ? true : never;
const _nodeHidFits: NodeHidFits = true;
void _nodeHidFits;
