/**
 * A parent process for test/e2e/demoOffice.test.ts: starts a DemoOffice (the demo's broker and back
 * office child), prints the child's pid and broker URL as one JSON line, then waits to be killed.
 */
import { appRoot } from '../../src/compose.js';
import { DemoOffice } from '../../src/demo/DemoOffice.js';

const office = new DemoOffice({ root: appRoot(), log: () => undefined, deviceId: 'HT-PARENT', routeSize: 1, brokerPort: 0 });
const url = await office.start();
process.stdout.write(JSON.stringify({ pid: office.pid, url }) + '\n');
setInterval(() => undefined, 60_000);
