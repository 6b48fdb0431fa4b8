/** An InspectionService on the memory store with the Eskişehir tariff, a real PrintService and a FakePrinter. */
import { randomUUID } from 'node:crypto';
import { openMemoryStore } from '../../../src/adapters/store/openStore.js';
import { FakePrinter } from '../../../src/adapters/printer/FakePrinter.js';
import { encodeDocument } from '../../../src/adapters/printer/encodeDocument.js';
import { PrintService } from '../../../src/app/PrintService.js';
import { InspectionService } from '../../../src/app/InspectionService.js';
import type { Job } from '../../../src/core/contract/job.js';
import type { JobRecord } from '../../../src/core/jobs/types.js';
import { emptyDraft, type InspectionDraft } from '../../../src/core/inspection/index.js';
import { isoInstant } from '../../../src/core/time/calendar.js';
import { epson58 } from '../../fixtures/escpos/profiles.js';
import { distributor } from '../../fixtures/escpos/sampleDocuments.js';
import { readingJob } from '../../helpers/sampleJobs.js';
import { esgaz } from '../../helpers/tariffs.js';
import { shippedConfig } from './fixtures.js';

/** 2026-11-25 10:00 Istanbul; the sample jobs were last read on 2026-10-26 (30 days). */
export const NOW = Date.UTC(2026, 10, 25, 7, 0, 0);
export const CREW = [{ operatorId: '1001', name: 'Ali Kaya' }];

export function inspectionJob(i: number, over: Partial<Job> = {}): Job {
  return readingJob(i, {
    jobId: `J-4${String(i).padStart(3, '0')}`,
    kind: 'inspection',
    notes: 'Okuyucu kod 09 bildirdi: mühür kopuk.',
    ...over,
  });
}

export async function rig(o: { jobs?: Job[]; now?: number } = {}) {
  const box = { now: o.now ?? NOW };
  const clock = () => box.now;
  const store = await openMemoryStore({
    deviceId: 'HT-0042',
    eventTopic: (d, t) => `saha/v1/devices/${d}/events/${t}`,
    clock,
    newId: randomUUID,
  });
  const jobs = o.jobs ?? [inspectionJob(1), readingJob(2)];
  await store.transact((tx) => {
    const t = esgaz();
    tx.put('tariffs', t.tariffId, t);
    const at = isoInstant(box.now);
    for (const job of jobs) tx.put('jobs', job.jobId, { job, state: 'open', receivedAt: at, updatedAt: at, workIds: [] });
  });
  const printer = new FakePrinter();
  await printer.open();
  const printing = new PrintService({ store, printer, width: 32, encode: (d) => encodeDocument(d, epson58), distributor, clock });
  const config = shippedConfig();
  const svc = new InspectionService({ store, deviceId: 'HT-0042', clock, config: () => config, printing });
  return { store, printer, printing, svc, box, config };
}

/** A complete kaçak draft: broken seal, one 24 kW combi, gas cut, new seal, refused to sign. */
export function kacakDraft(serial = 'M10000001'): InspectionDraft {
  return {
    ...emptyDraft(),
    meter: { serial, scanned: true, index: 1012 },
    seals: [
      { sealNo: 'SM-000777', status: 'broken' },
      { sealNo: 'SM-009002', status: 'fitted' },
    ],
    finding: 'kacak',
    subtype: 'seal-broken',
    appliances: [{ type: 'kombi', kw: '24' }],
    user: { name: 'Hasan Öz', relation: 'kiracı' },
    witnesses: [{ name: 'Ayşe Demir' }],
    officer: { operatorId: '1002', name: 'Veli Şahin' },
    actions: ['gas-cut', 'seal-fitted'],
    statement: { kind: 'refused' },
  };
}
