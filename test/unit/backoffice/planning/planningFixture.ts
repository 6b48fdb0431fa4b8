/**
 * A small district for the planning tests, put into the store through the dispatch and ingest paths
 * (test/helpers/planningOffice.ts): two streets of households read monthly for two winters, and five
 * installations with one pattern each that the planner must find.
 */
import type { Database } from '../../../../src/backoffice/db/Database.js';
import { PlanningOffice, type OfficeInstallation } from '../../../helpers/planningOffice.js';

export const PLAN_DATE = '2026-03-15';
const DEVICE = 'HT-PLAN-1';
const winter = (m: number) => [11, 12, 1, 2, 3].includes(m);

export const house = (no: string, street: string, door: number, area = 'Hoşnudiye'): OfficeInstallation => ({
  installationNo: no,
  contractAccount: `CA-${no}`,
  name: `Abone ${no}`,
  address: `${area} Mah. ${street} No: ${door}/1, Tepebaşı / Eskişehir`,
  tariffGroup: 'K1',
  meter: { serial: `G4-${no}`, digits: 6, class: 'G4' },
});

/** The planted installations, by what they did. */
export const PLANTED = {
  cutAdvanced: '4000000101',
  sealSwapped: '4000000102',
  zeroWinter: '4000000103',
  refuses: '4000000104',
  requested: '4000000105',
  otherArea: '4000000201',
};

export async function seedPlanningDistrict(db: Database): Promise<void> {
  const office = new PlanningOffice(db);
  await office.open();
  const homes = [
    ...Array.from({ length: 8 }, (_, i) => house(`40000000${String(i + 10)}`, 'İsmet İnönü Cad.', 20 + i)),
    house(PLANTED.cutAdvanced, 'İsmet İnönü Cad.', 5),
    house(PLANTED.sealSwapped, 'İsmet İnönü Cad.', 40),
    house(PLANTED.zeroWinter, 'İsmet İnönü Cad.', 3),
    house(PLANTED.refuses, 'Kıbrıs Şehitleri Cad.', 7),
    house(PLANTED.requested, 'Kıbrıs Şehitleri Cad.', 2),
    house(PLANTED.otherArea, 'Işıklar Cad.', 9, 'Gökmeydan'),
  ];
  const index = new Map(homes.map((h) => [h.installationNo, 1000]));
  const last = new Map(homes.map((h) => [h.installationNo, '2024-02-01']));
  let y = 2024;
  let m = 3;
  while (`${y}-${String(m).padStart(2, '0')}-01` <= PLAN_DATE) {
    const date = `${y}-${String(m).padStart(2, '0')}-01`;
    for (const h of homes) {
      const no = h.installationNo;
      const cutNow = no === PLANTED.cutAdvanced && date >= '2025-12-01';
      const refuse = no === PLANTED.refuses && date >= '2025-11-01';
      const jobId = office.assign(DEVICE, h, 'reading', date, index.get(no)!, last.get(no)!);
      if (refuse) {
        office.event(DEVICE, jobId, 'reading.skipped', date, { reasonCode: '05' });
        continue;
      }
      let use = winter(m) ? 150 : 30;
      if (no === PLANTED.zeroWinter && date >= '2025-11-01') use = 1;
      if (cutNow && date === '2025-12-01') use = 0;
      const prev = index.get(no)!;
      office.event(DEVICE, jobId, 'reading.recorded', date, reading(prev, prev + use, date));
      index.set(no, prev + use);
      last.set(no, date);
    }
    if (date === '2025-11-01') {
      // A cut on the 10th; the December reading finds the index where the cut left it, January's has moved on.
      const h = homes.find((x) => x.installationNo === PLANTED.cutAdvanced)!;
      const cutJob = office.assign(DEVICE, h, 'cut', '2025-11-10', index.get(h.installationNo)!, date, {
        debt: {
          amount: '900.00',
          oldestDueDate: '2025-09-01',
          noticeSentAt: '2025-10-20T10:00:00+03:00',
          noticeChannels: ['written', 'sms'],
          unpaidConsumptionM3: '120',
        },
      });
      office.event(DEVICE, cutJob, 'gas.cut', '2025-11-10', { index: index.get(h.installationNo)!, sealNo: 'KM-0000101', checklist: [] });
      const s = homes.find((x) => x.installationNo === PLANTED.sealSwapped)!;
      const cut2 = office.assign(DEVICE, s, 'cut', '2025-11-10', index.get(s.installationNo)!, date, {
        debt: {
          amount: '900.00',
          oldestDueDate: '2025-09-01',
          noticeSentAt: '2025-10-20T10:00:00+03:00',
          noticeChannels: ['written', 'sms'],
          unpaidConsumptionM3: '120',
        },
      });
      office.event(DEVICE, cut2, 'gas.cut', '2025-11-10', { index: index.get(s.installationNo)!, sealNo: 'KM-0000102', checklist: [] });
      const rec = office.assign(DEVICE, s, 'reconnect', '2025-11-20', index.get(s.installationNo)!, date);
      office.event(DEVICE, rec, 'gas.reconnected', '2025-11-20', {
        index: index.get(s.installationNo)!,
        removedSealNo: 'KM-0099999',
        checklist: [],
      });
      const r = homes.find((x) => x.installationNo === PLANTED.requested)!;
      office.event(DEVICE, jobId(office, r), 'inspection.requested', date, {
        jobId: 'X',
        reason: 'tampering-suspected',
        evidence: [],
      });
      const o = homes.find((x) => x.installationNo === PLANTED.otherArea)!;
      office.event(DEVICE, jobId(office, o), 'reading.skipped', date, { reasonCode: '09' });
    }
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  await office.flush();
}

/** A job of its own for an event that is not a reading (a visit the office asked for). */
function jobId(office: PlanningOffice, h: OfficeInstallation): string {
  return office.assign(DEVICE, h, 'reading', '2025-11-01', 0, '2025-10-01');
}

function reading(prev: number, index: number, date: string): Record<string, unknown> {
  return {
    index,
    previousIndex: prev,
    consumptionM3: String(index - prev),
    rollover: false,
    outlierConfirmed: false,
    readAt: `${date}T09:00:00+03:00`,
  };
}
