// A flood of job.assign never starves the link (issue 15, item 5: 10,000 job.assign caused 4
// keepalive timeouts and held every outbound event back for ~2.5 minutes). The device takes the
// flood in bounded batches (MqttLink → InboundService.handleBatch) on a file store, so commits cost
// what they cost on the handheld. Bounds are ratios of work done, never wall-clock limits: the
// events queued before the flood must be acknowledged while most of the flood is still unprocessed.
import * as assert from 'uvu/assert';
import { InboundService } from '../../../src/app/InboundService.js';
import { openFileStore } from '../../../src/adapters/store/openStore.js';
import { EVENT_SEQ } from '../../../src/adapters/store/StoreEngine.js';
import { topics } from '../../../src/core/contract/index.js';
import { fileTarget, storeOpts } from '../../helpers/storeTargets.js';
import { aedesTarget, fixture, queueEvents, rigSuite, until } from './linkRig.js';

const FLOOD = 10_000;
const QUEUED = 300;
const { test, device, backOffice } = rigSuite('an inbound flood (aedes)', aedesTarget);

test('10,000 job.assign: no keepalive timeout, and the outbox drains while the flood is still being processed', async (ctx) => {
  const target = fileTarget();
  try {
    const store = await openFileStore(target.dir, storeOpts({ deviceId: 'HT-0042' }));
    // keepalive 5 s: the pre-batch link lost its connection within a few thousand messages on a file store.
    const d = await device(ctx, { store, link: { keepaliveSec: 5 }, maxInFlight: 64 });
    const inbound = new InboundService({ store, deviceId: d.deviceId, maxBytes: 262144, keys: new Map(), requireSignatures: false, notify: () => undefined, clock: Date.now });
    d.link.setInboundBatchHandler((msgs) => inbound.handleBatch(msgs));
    const bo = await backOffice(ctx);
    d.start();
    await until(() => d.link.state.state === 'online', 'device online');
    const base = fixture('jobs/job.assign.reading.json');
    const published = Array.from({ length: FLOOD }, (_, i) =>
      bo.publish(topics.jobs(d.deviceId), JSON.stringify({ ...base, messageId: `flood-${i}`, job: { ...base.job, jobId: `F-${i}` } })));
    // Events queued once the flood is arriving: their PUBACKs come back behind it.
    await until(() => store.size('jobs') >= 200, 'flood arriving', 600_000);
    await queueEvents(store, QUEUED, QUEUED);
    const processedAtQueue = store.size('jobs');
    // Drained: every event queued so far (ours and the flood's job.accepted) has its PUBACK.
    const lastSeq = store.counter(EVENT_SEQ);
    const drained = () => { for (let s = 1; s <= lastSeq; s++) if (!d.ackedSeqs.has(s)) return false; return true; };
    let processedAtDrain = -1;
    await until(() => { if (processedAtDrain < 0 && drained()) processedAtDrain = store.size('jobs'); return processedAtDrain >= 0; }, 'queued events acknowledged', 600_000);
    await Promise.all(published);
    await until(() => store.size('jobs') === FLOOD, 'flood stored', 600_000);

    const lost = d.states.filter((s) => s.state === 'offline');
    assert.equal(lost, [], `connection lost during the flood: ${JSON.stringify(lost)}`);
    // Under starvation the queued events wait for (nearly) the whole rest of the flood.
    const rest = FLOOD - processedAtQueue;
    const during = processedAtDrain - processedAtQueue;
    assert.ok(during < rest / 2, `the ${QUEUED} events were acknowledged only after ${during} of the ${rest} flood messages still to process`);
  } finally {
    target.cleanup();
  }
});

test.run();
