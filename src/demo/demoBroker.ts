/**
 * Demo mode's broker: aedes in the device's own process (README "Quick start": the demo needs
 * nothing installed), on the documented port (config demo.brokerPort) so `saha watch` / `report` /
 * `dispatch` reach the running demo. When another demo or a test run holds that port, any free
 * port, said in the log.
 */
import { InProcessBroker } from '../adapters/mqtt/InProcessBroker.js';
import type { Log } from '../ports/Logger.js';

export async function startDemoBroker(port: number, log: Log): Promise<InProcessBroker> {
  const broker = await new InProcessBroker().start(port).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EADDRINUSE') throw e;
    const b = await new InProcessBroker().start(0);
    log('warn', `demo broker: port ${port} is taken; listening on ${b.url} instead`);
    return b;
  });
  log('info', `demo broker listening on ${broker.url}`);
  return broker;
}
