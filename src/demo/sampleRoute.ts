/**
 * The demo route: a realistic day for one crew in Eskişehir (Turkish names and addresses), mostly
 * readings plus a few jobs of every other kind, and the tariff that prices them. Deterministic for a
 * given date so that restarting the demo re-sends the same jobs (the device ignores repeats).
 */
import type { Job, JobKind } from '../core/contract/job.js';
import type { Tariff } from '../core/contract/tariff.js';
import { addDays } from '../core/time/calendar.js';

const first = [
  'Ayşe',
  'Mehmet',
  'Şükrü',
  'Gülşen',
  'Ümit',
  'İsmail',
  'Çağla',
  'Özge',
  'Hüseyin',
  'Fatma',
  'Ömer',
  'Zeynep',
  'İbrahim',
  'Şerife',
  'Gökhan',
  'Nurşen',
];
const last = [
  'Yılmaz',
  'Öztürk',
  'Çelik',
  'İnce',
  'Doğan',
  'Şahin',
  'Güneş',
  'Kılıç',
  'Aydın',
  'Koç',
  'Özdemir',
  'Arslan',
  'Kaya',
  'Çetin',
];
const streets = [
  'Atatürk Cad.',
  'İnönü Sok.',
  'Gazi Bulvarı',
  'Çamlık Sok.',
  'Şehitler Cad.',
  'Üniversite Cad.',
  'Gülbahar Sok.',
  'Işıklar Cad.',
];
const districts = ['Odunpazarı', 'Tepebaşı'];

export const DEMO_TARIFF_GROUP = 'ESGAZ-K1';

export function demoTariff(): Tariff {
  return {
    tariffId: 'ESGAZ-K1-2025-08',
    group: DEMO_TARIFF_GROUP,
    validFrom: '2025-08-01',
    validTo: null,
    unitPricePerKwh: '0.96489117',
    correctionFactor: '1.03083',
    calorificValueKcalPerM3: '9438.77',
    vatRate: '0.20',
    minimumBillableM3: '0',
    dueDays: 10,
    rounding: {
      correctedVolume: 2,
      kwhFactor: 2,
      energyKwh: 0,
      unitPrice: 8,
      correctionFactor: 5,
      calorificValue: 2,
      money: 2,
      payableStep: '1.00',
    },
  };
}

/** `count` jobs (demo.routeSize; 36 by default), job ids and meters stable for a given date. */
export function sampleRoute(today: string, count = 36): Job[] {
  const kinds: JobKind[] = ['cut', 'reconnect', 'meter-removal', 'meter-installation', 'inspection'];
  const jobs: Job[] = [];
  const width = Math.max(3, String(count).length);
  for (let i = 1; i <= count; i++) {
    const kind: JobKind = i % 7 === 0 ? kinds[(i / 7 - 1) % kinds.length]! : 'reading';
    const serial = `ESG${String(21000000 + i * 37)}`;
    const job: Job = {
      jobId: `DEMO-${today.replace(/-/g, '')}-${String(i).padStart(width, '0')}`,
      version: 1,
      kind,
      priority: kind === 'reconnect' ? 'urgent' : 'normal',
      routeSeq: i,
      dueDate: today,
      customer: {
        installationNo: String(7100000 + i * 13),
        contractAccount: String(50000000 + i * 101),
        name: `${first[i % first.length]} ${last[(i * 3) % last.length]}`,
        address: `${streets[i % streets.length]} No:${((i * 7) % 120) + 1} D:${(i % 14) + 1} ${districts[i % 2]}/Eskişehir`,
        ...(i % 4 === 0 ? { email: `abone${i}@ornek.com.tr`, invoiceByEmail: true } : {}),
        ...(kind === 'cut' ? { protectedCategory: 'none' as const } : {}),
      },
      // Job 3's meter is near the end of its five dials, so the demo shows the rollover question.
      meter: {
        serial,
        barcode: serial,
        digits: 5,
        lastIndex: i === 3 ? 99_912 : (1200 + i * 173) % 90_000,
        lastReadDate: addDays(today, -30),
        expectedDailyM3: i % 3 === 0 ? '2.5' : '4.0',
      },
      ...(kind === 'reading' ? { tariffGroup: DEMO_TARIFF_GROUP } : {}),
      ...(kind === 'cut'
        ? {
            debt: {
              amount: '3842.15',
              oldestDueDate: addDays(today, -45),
              noticeSentAt: `${addDays(today, -7)}T10:00:00.000+03:00`,
              noticeChannels: ['written', 'sms'],
              unpaidPeriods: 2,
              unpaidConsumptionM3: '212.40',
            },
          }
        : {}),
      ...(i === 5 ? { notes: 'Sayaç bodrum katta, anahtar kapıcıda.' } : {}),
    };
    jobs.push(job);
  }
  return jobs;
}
