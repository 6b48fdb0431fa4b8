/**
 * Demo mode with the real serial path: a socat pty pair plus a virtual printer on its far end.
 * The app's SerialPrinter opens `hostPath` as if it were /dev/serial/by-id/…; `virtual.device`
 * stages paper-out etc. and decodes what was printed. Needs /usr/bin/socat.
 */
import { PtyVirtualPrinter } from './PtyVirtualPrinter.js';
import { SocatPtyPair } from './SocatPtyPair.js';

export interface PtyVirtualPrinterSetup {
  hostPath: string;
  virtual: PtyVirtualPrinter;
  pair: SocatPtyPair;
  stop(): Promise<void>;
}

export async function startPtyVirtualPrinter(hostPath: string, devicePath: string, socatPath?: string): Promise<PtyVirtualPrinterSetup> {
  const pair = new SocatPtyPair(hostPath, devicePath, socatPath);
  await pair.start();
  const virtual = new PtyVirtualPrinter(devicePath);
  try {
    await virtual.open();
  } catch (e) {
    await pair.stop();
    throw e;
  }
  return {
    hostPath,
    virtual,
    pair,
    async stop() {
      await virtual.close();
      await pair.stop();
    },
  };
}
