/** Realistic sample jobs for tests (Turkish names and addresses). */
import type { Job } from '../../src/core/contract/job.js';

const names = ['Ayşe Yılmaz', 'Mehmet Öztürk', 'Şükrü Çelik', 'Gülşen İnce', 'Ümit Doğan', 'İsmail Şahin', 'Çağla Güneş', 'Özge Kılıç'];
const streets = ['Atatürk Cad.', 'İnönü Sok.', 'Gazi Bulvarı', 'Çamlık Sok.', 'Şehitler Cad.', 'Üniversite Cad.'];

export function readingJob(i: number, over: Partial<Job> = {}): Job {
  return {
    jobId: `J-${String(i).padStart(5, '0')}`,
    version: 1,
    kind: 'reading',
    priority: 'normal',
    routeSeq: i,
    dueDate: '2026-11-25',
    customer: {
      installationNo: String(4000000 + i),
      contractAccount: String(9000000 + i),
      name: names[i % names.length]!,
      address: `${streets[i % streets.length]} No:${(i % 90) + 1} D:${(i % 12) + 1} Odunpazarı/Eskişehir`,
      ...(i % 5 === 0 ? { email: `abone${i}@example.com`, invoiceByEmail: true } : {}),
    },
    meter: {
      serial: `M${String(10000000 + i)}`,
      barcode: `M${String(10000000 + i)}`,
      digits: 5,
      lastIndex: 1000 + i * 7,
      lastReadDate: '2026-10-26',
      expectedDailyM3: '3.5',
    },
    tariffGroup: 'ESGAZ-K1',
    ...over,
  };
}
