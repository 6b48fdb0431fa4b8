/**
 * Issue 3 "done when": 1,000 events recorded by the app (a child process wired as compose.ts wires
 * it: file store, OutboxSender, MqttLink, StatusPublisher, InboundService) at a steady pace while
 *   - the broker is up, down (stopped, started again on the same port) and flapping (stopped and
 *     started several times in quick succession), and on Mosquitto also SIGKILLed,
 *   - the app is SIGKILLed at random points and started again on the same data directory,
 *   - the back office sends jobs now and then (their job.accepted events join the stream),
 * all driven by a seeded PRNG (SAHA_FAULT_SEED; the seed is printed). Afterwards a back-office
 * subscriber (persistent session, QoS 1, subscribed before the first event) must hold every seq from
 * 1 to N at least once, in seq order after dropping duplicates by eventId, and nothing else: every
 * eventId is one the app printed as committed, with the seq it was committed with, and a duplicate is
 * only ever the same eventId with the same seq. Every event conforms to contract v1.
 *
 * Broker SIGKILL (Mosquitto): Mosquitto 2.0.11 keeps messages in memory and saves them to its
 * persistence file, at best after every change (this suite runs it so: autosave_on_changes true,
 * autosave_interval 1). It acknowledges a message (PUBACK) before that save, so a SIGKILL can still
 * lose the last few messages it acknowledged (measured: about one kill in fifty mid-drain; README
 * §Durability). The device deleted those on PUBACK and cannot resend them. The suite therefore
 * asserts exactly what the device guarantees: a seq may be missing only if the broker acknowledged
 * it within a second of being killed; any such loss is printed, never hidden. aedes (the device's
 * connections dropped and refused, never killed) must deliver every seq.
 *
 * No wall-clock assertions: time only paces the faults; the run ends when the app prints DONE.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessBroker } from '../../../src/adapters/mqtt/InProcessBroker.js';
import { openFileStore } from '../../../src/adapters/store/openStore.js';
import { topics, validateEvent } from '../../../src/core/contract/index.js';
import { BACKOFFICE_USER, PrivateMosquitto, whenMosquitto } from '../../helpers/mosquitto.js';
import { prng } from '../../helpers/prng.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { BackOffice, type Account } from '../../contract/mqtt/linkRig.js';
import type { Args } from './fixtures/appDriver.js';

const N = 1000;
const DEV = 'HT-0042';
const SEED = Number(process.env.SAHA_FAULT_SEED ?? 20261125);
const driver = new URL('./fixtures/appDriver.ts', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FaultBroker {
  name: string;
  protocolVersion: 4 | 5;
  device: Account;
  backOffice: Account;
  /** Sessions made so far are on disk (Mosquitto: SIGUSR1 save). */
  persist(): Promise<void>;
  /** Goes away cleanly (Mosquitto: SIGTERM, saves; aedes: listener closed, sockets destroyed). */
  stop(): Promise<void>;
  /** Back on the same port. */
  start(): Promise<void>;
  /** SIGKILL, when the broker is a process. */
  kill?: () => Promise<void>;
  close(): Promise<void>;
}

async function mosquittoBroker(): Promise<FaultBroker> {
  const m = await PrivateMosquitto.start({ devices: [DEV], autosaveEveryChange: true });
  const acc = (u: string): Account => ({ url: m.plainUrl, username: u, password: m.password(u) });
  return {
    name: 'Mosquitto 2.0 (MQTT 5, saves after every change)',
    protocolVersion: 5,
    device: acc(DEV),
    backOffice: acc(BACKOFFICE_USER),
    persist: () => m.save(),
    stop: () => m.stop(),
    start: () => m.restart(),
    kill: () => m.kill(),
    close: () => m.cleanup(),
  };
}

async function aedesBroker(): Promise<FaultBroker> {
  const b = await new InProcessBroker().start();
  const acc: Account = { url: b.url };
  let up = true;
  return {
    name: 'aedes (in-process, MQTT 3.1.1)',
    protocolVersion: 4,
    device: acc,
    backOffice: acc,
    persist: async () => undefined,
    // aedes resumes a persistent session by restoring its subscriptions before it replays the
    // queued messages (lib/handlers/connect.js: restoreSubs → doConnack → emptyQueue), so a back
    // office reconnecting while events flow gets live ones ahead of queued ones: a broker property,
    // not the device's. Here the device loses its link and the back office stays connected (the
    // common field fault); the back office's own reconnects are covered by the Mosquitto run.
    stop: async () => {
      if (up) {
        up = false;
        await b.stopListening({ keepClients: ['bo-fault'] });
      }
    },
    start: async () => {
      if (!up) {
        await b.listen();
        up = true;
      }
    },
    close: () => b.close(),
  };
}

/** What the app printed across all its runs. */
class Ledger {
  readonly idBySeq = new Map<number, string>();
  readonly seqById = new Map<string, number>();
  readonly conflicts: string[] = [];
  /** seq → when the parent read each ACK line for it. */
  readonly ackedAt = new Map<number, number[]>();
  recorded = false;
  /** The device's session (its subscription to its jobs) exists at the broker from then on. */
  everOnline = false;
  done: number | undefined;

  line(l: string): void {
    const [kind, a, b] = l.split(' ');
    if (kind === 'EVENT') {
      const seq = Number(a);
      const known = this.idBySeq.get(seq);
      if (known !== undefined && known !== b) this.conflicts.push(`seq ${seq} committed as ${known} and as ${b}`);
      this.idBySeq.set(seq, b!);
      this.seqById.set(b!, seq);
    } else if (kind === 'ACK') {
      const seq = Number(a);
      const at = this.ackedAt.get(seq) ?? [];
      at.push(Date.now());
      this.ackedAt.set(seq, at);
    } else if (kind === 'LINK' && a === 'online') this.everOnline = true;
    else if (kind === 'RECORDED') this.recorded = true;
    else if (kind === 'DONE') this.done = Number(a);
  }
}

/** One run of the app; resolves when it exits. */
function runApp(args: Args, ledger: Ledger, onExit: (r: { done: boolean; killed: boolean; stderr: string }) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', driver, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let buf = '';
  let stderr = '';
  let done = false;
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      ledger.line(line);
      if (line.startsWith('DONE ')) done = true;
    }
  });
  child.on('close', (_code, signal) => onExit({ done, killed: signal === 'SIGKILL', stderr }));
  return child;
}

interface Outcome {
  kills: number;
  brokerPhases: string[];
  brokerKills: number[];
  jobsSent: string[];
}

async function runFaults(broker: FaultBroker, dir: string, ledger: Ledger, bo: BackOffice): Promise<Outcome> {
  const rnd = prng(SEED);
  const args: Args = {
    dir,
    url: broker.device.url,
    ...(broker.device.username ? { username: broker.device.username, password: broker.device.password } : {}),
    protocolVersion: broker.protocolVersion,
    deviceId: DEV,
    target: N,
    paceMs: 20,
  };
  const outcome: Outcome = { kills: 0, brokerPhases: [], brokerKills: [], jobsSent: [] };
  let child: ChildProcess | undefined;
  let failure: Error | undefined;
  const MAX_APP_KILLS = 10;

  const appLoop = async () => {
    while (ledger.done === undefined && !failure) {
      const exit = new Promise<{ done: boolean; killed: boolean; stderr: string }>((resolve) => {
        child = runApp(args, ledger, resolve);
      });
      let timer: NodeJS.Timeout | undefined;
      if (outcome.kills < MAX_APP_KILLS && !ledger.recorded) {
        timer = setTimeout(
          () => {
            if (!ledger.recorded) {
              outcome.kills++;
              child?.kill('SIGKILL');
            }
          },
          rnd.int(1500, 5000),
        );
      }
      const r = await exit;
      clearTimeout(timer);
      child = undefined;
      if (!r.done && !r.killed) failure = new Error(`the app exited by itself:\n${r.stderr}`);
      if (!r.done) await sleep(rnd.int(20, 400));
    }
  };

  const brokerLoop = async () => {
    while (!ledger.recorded && !failure) {
      const phase = rnd.pick(broker.kill ? (['up', 'down', 'flap', 'kill'] as const) : (['up', 'down', 'flap'] as const));
      outcome.brokerPhases.push(phase);
      if (phase === 'up') await sleep(rnd.int(800, 2500));
      else if (phase === 'down') {
        await broker.stop();
        await sleep(rnd.int(300, 2000));
        await broker.start();
      } else if (phase === 'flap') {
        for (let k = rnd.int(3, 6); k > 0; k--) {
          await broker.stop();
          await sleep(rnd.int(30, 300));
          await broker.start();
          await sleep(rnd.int(50, 500));
        }
      } else {
        outcome.brokerKills.push(Date.now());
        await broker.kill!();
        await sleep(rnd.int(100, 1000));
        await broker.start();
      }
      await sleep(rnd.int(200, 1200)); // up between faults
    }
  };

  const jobLoop = async () => {
    const acks: Promise<unknown>[] = [];
    // A job published before the device ever subscribed has nobody to go to (contract: the back
    // office dispatches to provisioned devices, which have connected once).
    while (!ledger.everOnline && !failure) await sleep(50);
    for (let i = 1; !ledger.recorded && !failure; i++) {
      await sleep(rnd.int(500, 3000));
      if (ledger.recorded) break;
      const job = readingJob(i);
      outcome.jobsSent.push(job.jobId);
      const msg = { messageId: `fault-${job.jobId}`, sentAt: '2026-11-25T09:00:00.000+03:00', type: 'job.assign', job };
      // QoS 1 from the back office's own session: mqtt.js resends it across broker restarts.
      acks.push(bo.publish(topics.jobs(DEV), JSON.stringify(msg)).catch(() => undefined));
    }
    await Promise.all(acks);
  };

  const deadline = setTimeout(() => {
    failure ??= new Error(`no DONE after 240 s (recorded: ${ledger.recorded})`);
    child?.kill('SIGKILL');
  }, 240_000);
  try {
    await Promise.all([appLoop(), brokerLoop(), jobLoop()]);
  } finally {
    clearTimeout(deadline);
    child?.kill('SIGKILL');
  }
  if (failure) throw failure;
  return outcome;
}

function faultSuite(label: string, make: () => Promise<FaultBroker>) {
  const test = suite(`MQTT fault suite: ${label}`);
  test(`${N} events through broker outages, flapping and app SIGKILLs reach the back office exactly as committed (seed ${SEED})`, async () => {
    const broker = await make();
    const dir = mkdtempSync(join(tmpdir(), 'saha-fault-'));
    const ledger = new Ledger();
    let bo: BackOffice | undefined;
    try {
      // The back office is subscribed (persistent session) before the device records anything.
      bo = await BackOffice.connect(broker.backOffice, broker.protocolVersion, 'bo-fault', ['saha/v1/devices/+/events/+']);
      await broker.persist();
      const o = await runFaults(broker, dir, ledger, bo);
      const final = ledger.done!;
      assert.ok(final >= N, `the app recorded ${final} events`);

      // Everything arrives once the app is done (it stopped after its outbox emptied).
      const received = () => new Set(bo!.events().map((e) => e.env.seq));
      const excused = (seq: number) =>
        (ledger.ackedAt.get(seq) ?? []).some((t) => o.brokerKills.some((k) => t >= k - 1000 && t <= k + 1500));
      const missingNow = () => Array.from({ length: final }, (_, i) => i + 1).filter((s) => !received().has(s));
      for (let wait = 0; missingNow().some((s) => !excused(s)) && wait < 300; wait++) await sleep(100);

      assert.equal(ledger.conflicts, [], 'the device never committed one seq twice');
      const events = bo.events();
      const strangers = events.filter((e) => !ledger.seqById.has(e.env.eventId)).map((e) => `seq ${e.env.seq} ${e.env.eventId}`);
      assert.equal(strangers, [], 'no event the app did not commit');
      const wrongSeq = events
        .filter((e) => ledger.seqById.get(e.env.eventId) !== e.env.seq)
        .map((e) => `${e.env.eventId} as seq ${e.env.seq}`);
      assert.equal(wrongSeq, [], 'each event carries the seq it was committed with');
      const idAt = new Map<number, string>();
      const twoIds: number[] = [];
      for (const e of events) {
        const k = idAt.get(e.env.seq);
        if (k !== undefined && k !== e.env.eventId) twoIds.push(e.env.seq);
        idAt.set(e.env.seq, e.env.eventId);
      }
      assert.equal(twoIds, [], 'a duplicate is only ever the same eventId with the same seq');
      const firstSeen: number[] = [];
      const seen = new Set<string>();
      for (const e of events)
        if (!seen.has(e.env.eventId)) {
          seen.add(e.env.eventId);
          firstSeen.push(e.env.seq);
        }
      assert.equal(
        firstSeen,
        [...firstSeen].sort((a, b) => a - b),
        'in seq order once duplicates are dropped',
      );
      const invalid = events.flatMap(({ topic, env }) => {
        const v = validateEvent(env, topic);
        return v.ok ? [] : [`seq ${env.seq}: ${JSON.stringify(v.errors)}`];
      });
      assert.equal(invalid, [], 'every event conforms to contract v1');
      const missing = missingNow();
      assert.equal(
        missing.filter((s) => !excused(s)),
        [],
        'every seq from 1 to N arrived (except what a killed broker had acknowledged)',
      );

      // The app's store: nothing left to send, the counter is where the back office says.
      const store = await openFileStore(dir, { deviceId: DEV, eventTopic: (d, t) => topics.event(d, t as never) });
      try {
        assert.is(store.size('outbox'), 0, 'outbox empty');
        assert.is(store.counter('eventSeq'), final);
      } finally {
        await store.close();
      }

      // Jobs: every job.accepted names a job the back office sent, each at most once per version.
      const accepted = events
        .filter((e) => e.env.type === 'job.accepted')
        .map((e) => (e.env as unknown as { data: { jobId: string } }).data.jobId);
      assert.ok(
        accepted.every((j) => o.jobsSent.includes(j)),
        'job.accepted only for jobs the back office sent',
      );
      const notAccepted = o.jobsSent.filter((j) => !accepted.includes(j));
      if (!broker.kill || o.brokerKills.length === 0)
        assert.equal(notAccepted, [], 'every job sent was applied and acknowledged by the device');

      const dups = events.length - seen.size;
      console.log(
        `${broker.name}: seed ${SEED}; ${final} events, ${o.kills} app SIGKILLs, broker phases ${o.brokerPhases.join(',')}; ` +
          `${events.length} deliveries (${dups} duplicates by eventId); ${o.jobsSent.length} jobs sent, ${new Set(accepted).size} accepted` +
          (missing.length
            ? `; LOST ${missing.length} events the killed broker had acknowledged: seqs ${missing.join(',')}`
            : '; nothing lost') +
          (notAccepted.length ? `; jobs lost by the killed broker: ${notAccepted.join(',')}` : ''),
      );
      assert.ok(o.kills >= 3, `the app was SIGKILLed ${o.kills} times`);
      assert.ok(
        o.brokerPhases.some((p) => p !== 'up'),
        'the broker went away at least once',
      );
    } finally {
      await bo?.close().catch(() => undefined);
      await broker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test.run();
}

whenMosquitto('MQTT fault suite on Mosquitto', () => faultSuite('Mosquitto', mosquittoBroker));
faultSuite('aedes', aedesBroker);
