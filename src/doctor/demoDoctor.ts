/**
 * `saha doctor` on a machine with no device config: the same rule as `saha start` (no --config, no
 * SAHA_CONFIG, no /etc/saha/saha.json → demo mode), so a newcomer who ran `npm start` gets checks of
 * what the demo needs instead of "config cannot be read". The demo has no device hardware: its
 * printer is virtual, its input the terminal keyboard, its broker in-process (README "Demo mode").
 */
import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { connect } from 'mqtt';
import { loadConfig } from '../config/loadConfig.js';
import { errText, pass, problem, warning, type CheckResult } from './CheckResult.js';
import { checkBroker } from './checks/checkBroker.js';
import { checkClock } from './checks/checkClock.js';
import { checkDataDir } from './checks/checkDataDir.js';
import { checkFreeSpace } from './checks/checkFreeSpace.js';
import { checkNative } from './checks/checkNative.js';
import { resolvePrinterProfile } from './checks/checkPrinter.js';
import type { DoctorDeps } from './runDoctor.js';

/** Free: the demo will listen there. Taken: a running demo (MQTT answers) or another program. */
export type PortProbe = (port: number) => Promise<'free' | 'mqtt' | 'other'>;

export async function runDemoDoctor(why: string, d: DoctorDeps & { probePort?: PortProbe }): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const add = (...rs: CheckResult[]) => {
    for (const r of rs) {
      results.push(r);
      d.onResult?.(r);
    }
  };
  const r = loadConfig({ env: d.env });
  if (!r.ok) {
    add(
      ...r.errors.map((e) =>
        problem('config', `demo defaults with the environment: ${e.key}: ${e.message}`, `fix or unset the SAHA_* variable`),
      ),
    );
    return results;
  }
  const config = r.config;
  add(pass('mode', `demo mode (${why}): checking what npm start needs; provision a device config for device checks`));
  // Native bindings are not loaded by the demo (compose.ts imports them only for device inputs and
  // the serial printer): missing ones are worth knowing before provisioning, but not a problem here.
  const native = await checkNative({ ...(d.loadHid ? { loadHid: d.loadHid } : {}), ...(d.loadSerial ? { loadSerial: d.loadSerial } : {}) });
  add(...native.map((n) => (n.ok ? n : warning(n.name, `${n.detail} (not needed in demo mode)`, n.fix))));
  const st = await stat(config.dataDir).catch(() => undefined);
  if (!st) add(pass('data dir', `${config.dataDir} does not exist yet: npm start creates it`));
  else {
    const data = await checkDataDir(config);
    // A running demo holds its store: that is the demo working, not a fault.
    add(
      ...data.results.map((x) => (!x.ok && /lock|in use|held/i.test(x.detail) ? pass('data dir', `${x.detail} (a demo is running)`) : x)),
    );
    if (data.facts) add(await checkFreeSpace(config, d.freeBytes));
  }
  if (config.mqtt.url) add(...(await checkBroker(config, d.brokerTimeoutMs ? { timeoutMs: d.brokerTimeoutMs } : {})).results);
  else add(await demoBrokerCheck(config.demo.brokerPort, d.probePort ?? probePort));
  add(checkClock({ ...(d.now ? { now: d.now } : {}), ...(d.run ? { run: d.run } : {}) }));
  try {
    const profile = await resolvePrinterProfile(config, d.root);
    add(pass('printer', `virtual printer (profile ${profile.id}, ${profile.columns} columns): slips kept in ${config.dataDir}/slips`));
  } catch (e) {
    add(
      problem(
        'printer',
        `printer profile ${config.printer.profile} cannot be loaded: ${errText(e)}`,
        'set printer.profile to a file in device/printers',
      ),
    );
  }
  add(pass('input', 'terminal keyboard (the demo has no HID or serial scanner; F9 types a scan)'));
  return results;
}

async function demoBrokerCheck(port: number, probe: PortProbe): Promise<CheckResult> {
  if (port === 0) return pass('broker', 'demo broker: any free port (demo.brokerPort 0); npm start logs the URL');
  const url = `mqtt://127.0.0.1:${port}`;
  const state = await probe(port);
  if (state === 'free') return pass('broker', `demo broker: ${url} is free; npm start listens there (saha watch --url ${url})`);
  if (state === 'mqtt') return pass('broker', `a broker answers on ${url} (a running demo): saha watch / report --url ${url} work`);
  return warning(
    'broker',
    `${url} is held by a program that does not speak MQTT: the demo will listen on another free port and log it`,
    `free port ${port}, or set SAHA_DEMO_BROKER_PORT`,
  );
}

/** Bind the port: success means free; otherwise try an MQTT 3.1.1 CONNECT (aedes speaks only 3.1.1). */
export const probePort: PortProbe = (port) =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => {
      const c = connect(`mqtt://127.0.0.1:${port}`, { protocolVersion: 4, connectTimeout: 2000, reconnectPeriod: 0 });
      const done = (s: 'mqtt' | 'other') => {
        c.end(true);
        resolve(s);
      };
      c.once('connect', () => done('mqtt'));
      // A CONNACK refusal (bad credentials) is still a broker answering.
      c.once('error', (e: Error & { code?: unknown }) => done(typeof e.code === 'number' ? 'mqtt' : 'other'));
      c.once('close', () => done('other'));
    });
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve('free')));
  });
