import { FakePrinter } from '../../../src/adapters/printer/FakePrinter.js';
import { runPrinterContract } from './printerContract.js';

runPrinterContract('FakePrinter', async () => {
  const printer = new FakePrinter({ pollIntervalMs: 20 });
  return {
    printer,
    device: printer.device,
    unplug: async () => printer.unplug(),
    replug: async () => printer.replug(),
    dispose: () => printer.close(),
  };
});
