/**
 * The simulated city of the planning bench (test/bench/planning.ts; assumptions in
 * docs/planning.md §Simulator): households with weather-driven use, ordinary noise and life
 * changes, vacant flats, debt cuts and reconnections, meter exchanges, no-read codes, earlier
 * inspections, and a small share of planted offenders. Every month it dispatches one reading job
 * per installation (plus the field jobs of the month) and publishes what the crew recorded, through
 * PlanningOffice (the dispatch ledger and the ingest store). Seeded: the same seed, the same city.
 */
import { prng } from '../helpers/prng.js';
import type { OfficeInstallation, PlanningOffice } from '../helpers/planningOffice.js';

export type Offence = 'bypass-after-cut' | 'slowed-meter' | 'reconnected-cut' | 'second-flat';
export const OFFENCES: readonly Offence[] = ['bypass-after-cut', 'slowed-meter', 'reconnected-cut', 'second-flat'];

export const MONTHS = 36;
/** Month 0 is March 2023; month 35 is February 2026; the plan is made at the end of it. */
export const PLAN_DATE = '2026-02-28';
const monthOf = (m: number) => ({ y: 2023 + Math.floor((m + 2) / 12), mo: ((m + 2) % 12) + 1 });
const dateOf = (m: number, day: number) => {
  const { y, mo } = monthOf(m);
  return `${y}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};
/** Heating degree days of a calendar month in a normal year (Eskişehir-like continental climate). */
const HDD = [0, 520, 450, 380, 220, 90, 10, 0, 0, 40, 180, 330, 470];

const AREAS = [
  'Hoşnudiye',
  'Arifiye',
  'Gökmeydan',
  'Vişnelik',
  'Işıklar',
  'Büyükdere',
  'Emek',
  'Şirintepe',
  'Yenibağlar',
  'Osmangazi',
  'Sümer',
  'Bahçelievler',
  'Çamlıca',
  'Erenköy',
  'Kurtuluş',
  'Tunalı',
  'Yıldıztepe',
  'Akarbaşı',
  'Ihlamurkent',
  'Göztepe',
];
const STREETS = [
  'Atatürk Cad.',
  'İsmet İnönü Cad.',
  'Kıbrıs Şehitleri Cad.',
  'Çamlık Sok.',
  'Şair Fuzuli Cad.',
  'Gül Sok.',
  'Lale Sok.',
  'Zübeyde Hanım Cad.',
  'Ömür Sok.',
  'Üniversite Cad.',
];

export interface Home {
  inst: OfficeInstallation;
  device: string;
  building: string;
  readDay: number;
  /** m³/day for cooking and hot water; m³ per heating degree day. */
  base: number;
  heat: number;
  meter: number;
  recorded: number;
  lastRead: string;
  serialNo: number;
  cut?: { seal: string; index: number; since: number };
  offence?: Offence;
  offenceFrom: number;
  /** Legitimate changes: a household that shrank or grew, a flat left empty for a while. */
  step?: { from: number; k: number };
  vacant?: { from: number; to: number };
  /** Second flat: the flat whose meter feeds this one / the one it feeds. */
  feeds?: Home;
  fedBy?: Home;
  /** Debt cuts planned: month → months until reconnection (0 = never). */
  debtCuts: Map<number, number>;
  exchanges: Set<number>;
  inspections: Set<number>;
  bypassFactor: number;
  seals: number;
}

export interface City {
  homes: Home[];
  offenders: Set<string>;
}

export function buildCity(n: number, offenderShare: number, seed: number): City {
  const r = prng(seed);
  const lognormal = (mean: number, sd: number) => mean * Math.exp(sd * gauss(r.next) - (sd * sd) / 2);
  const homes: Home[] = [];
  let made = 0;
  let building = 0;
  while (made < n) {
    const area = Math.floor((made / n) * AREAS.length);
    const street = STREETS[building % STREETS.length]!;
    const door = 1 + Math.floor(building / STREETS.length);
    const flats = Math.min(n - made, r.pick([1, 1, 2, 4, 6, 8, 8, 10, 12]));
    const commercial = r.next() < 0.08;
    for (let f = 1; f <= flats; f++, made++) {
      const no = String(4_100_000_000 + made);
      homes.push({
        inst: {
          installationNo: no,
          contractAccount: `CA-${no}`,
          name: `Abone ${made}`,
          address: `${AREAS[area]} Mah. ${street} No: ${door}/${f}, Tepebaşı / Eskişehir`,
          tariffGroup: commercial ? 'T1' : 'K1',
          meter: { serial: `G-${no}-0`, digits: 8, class: commercial ? 'G6' : 'G4' },
        },
        device: `HT-SIM-${String(area + 1).padStart(2, '0')}`,
        building: `${area}|${street}|${door}`,
        readDay: 1 + (area % 27),
        base: lognormal(commercial ? 2.5 : 0.8, 0.35),
        heat: lognormal(commercial ? 0.9 : 0.4, 0.35),
        meter: r.int(1000, 60000),
        recorded: 0,
        lastRead: '2023-02-01',
        serialNo: 0,
        offenceFrom: MONTHS,
        debtCuts: new Map(),
        exchanges: new Set(),
        inspections: new Set(),
        bypassFactor: 0.15 + 0.2 * r.next(),
        seals: 0,
      });
    }
    building++;
  }
  for (const h of homes) {
    h.recorded = Math.floor(h.meter);
    if (r.next() < 0.06) h.step = { from: r.int(1, MONTHS - 1), k: r.next() < 0.6 ? 0.45 + 0.35 * r.next() : 1.2 + 0.3 * r.next() };
    if (r.next() < 0.03) {
      const from = r.int(0, MONTHS - 3);
      h.vacant = { from, to: from + r.int(3, 10) };
    }
    for (let m = 2; m < MONTHS; m++) if (r.next() < 0.04 / 12) h.debtCuts.set(m, r.next() < 0.85 ? r.int(1, 4) : 0);
    for (let m = 1; m < MONTHS; m++) if (r.next() < 0.025 / 12) h.exchanges.add(m);
    if (r.next() < 0.03) h.inspections.add(r.int(0, MONTHS - 1));
    if (r.next() < 0.005) h.inst.priorOffences = [{ date: '2021-06-15', finding: r.next() < 0.5 ? 'kacak' : 'usulsuz' }];
  }
  // The offenders: an equal share of each pattern, starting between November 2024 and October 2025.
  const offenders = new Set<string>();
  const want = Math.round(n * offenderShare);
  const byBuilding = new Map<string, Home[]>();
  for (const h of homes) byBuilding.set(h.building, [...(byBuilding.get(h.building) ?? []), h]);
  for (let i = 0; offenders.size < want && i < want * 20; i++) {
    const h = homes[r.int(0, homes.length - 1)]!;
    if (h.offence || h.fedBy || h.feeds) continue;
    const kind = OFFENCES[offenders.size % OFFENCES.length]!;
    const from = r.int(20, 31);
    if (kind === 'second-flat') {
      const other = byBuilding.get(h.building)!.find((x) => x !== h && !x.offence && !x.feeds && !x.fedBy);
      if (!other) continue;
      h.fedBy = other;
      other.feeds = h;
    }
    h.offence = kind;
    h.offenceFrom = from;
    h.vacant = undefined;
    h.debtCuts.clear();
    if (kind === 'bypass-after-cut') h.debtCuts.set(from - 2, r.int(1, 2));
    if (kind === 'reconnected-cut') h.debtCuts.set(from, r.next() < 0.5 ? r.int(2, 4) : 0);
    if (r.next() < 0.25) h.inst.priorOffences = [{ date: '2022-01-20', finding: 'kacak' }];
    offenders.add(h.inst.installationNo);
  }
  return { homes, offenders };
}

/** True use of a period (m³): base load and heating from the month's weather, with ordinary noise. */
function trueUse(h: Home, m: number, days: number, weather: number, noise: number): number {
  const { mo } = monthOf(m);
  const prev = mo === 1 ? 12 : mo - 1;
  let k = noise;
  if (h.step && m >= h.step.from) k *= h.step.k;
  if (h.vacant && m >= h.vacant.from && m < h.vacant.to) k *= 0.02;
  return Math.max(0, (h.base * days + h.heat * ((HDD[prev]! + HDD[mo]!) / 2) * weather * (days / 30)) * k);
}

/** One month of the city: the true use, what the meters show, and every job and event of the month. */
export function simulateMonth(city: City, m: number, office: PlanningOffice, seed: number): void {
  const r = prng(seed * 1000 + m);
  const weather = 0.85 + 0.3 * prng(seed + Math.floor((m + 2) / 12)).next();
  const use = new Map<Home, number>();
  for (const h of city.homes) {
    const days = m === 0 ? 30 : 30.4;
    use.set(h, trueUse(h, m, days, weather * (0.93 + 0.14 * r.next()), Math.exp(0.12 * gauss(r.next))));
  }
  for (const h of city.homes) {
    let metered = use.get(h)!;
    const active = h.offence !== undefined && m >= h.offenceFrom;
    if (h.cut && !(h.offence === 'reconnected-cut' && h.cut.since === h.offenceFrom)) metered = 0;
    if (active && h.offence === 'slowed-meter') metered *= h.bypassFactor + 0.2;
    if (active && h.offence === 'bypass-after-cut' && !h.cut) metered *= h.bypassFactor;
    if (active && h.offence === 'second-flat') metered *= 0.02;
    if (h.feeds?.offence && m >= h.feeds.offenceFrom) metered += use.get(h.feeds)!;
    h.meter += metered;
  }
  for (const h of city.homes) visit(h, m, office, r);
}

function visit(h: Home, m: number, office: PlanningOffice, r: ReturnType<typeof prng>): void {
  const date = dateOf(m, h.readDay);
  const dev = h.device;
  const offender = h.offence !== undefined && m >= h.offenceFrom;
  const job = office.assign(dev, h.inst, 'reading', date, h.recorded, h.lastRead);
  const x = r.next();
  const code = h.cut && x < 0.4 ? '12' : skipCode(x, offender, r.next());
  if (code) office.event(dev, job, 'reading.skipped', date, { reasonCode: code });
  else {
    const index = Math.floor(h.meter);
    office.event(dev, job, 'reading.recorded', date, {
      index,
      previousIndex: h.recorded,
      consumptionM3: String(index - h.recorded),
      rollover: false,
      outlierConfirmed: false,
      readAt: `${date}T09:30:00+03:00`,
    });
    h.recorded = index;
    h.lastRead = date;
  }
  const later = dateOf(m, Math.min(28, h.readDay + 5));
  const index = Math.floor(h.meter);
  if (h.cut && h.cut.since < m && h.debtCuts.get(h.cut.since) === m - h.cut.since) {
    const mismatch = h.offence === 'reconnected-cut';
    const seal = mismatch ? `KM-${h.inst.installationNo.slice(-6)}X` : h.cut.seal;
    const rec = office.assign(dev, h.inst, 'reconnect', later, index, h.lastRead, { cut: { sealNo: h.cut.seal, index: h.cut.index } });
    const findings = mismatch
      ? [
          { code: 'seal-mismatch', atCut: h.cut.seal, found: seal },
          ...(index > h.cut.index ? [{ code: 'index-advanced', atCut: String(h.cut.index), found: String(index) }] : []),
        ]
      : [];
    office.event(dev, rec, 'gas.reconnected', later, {
      index,
      removedSealNo: seal,
      checklist: [],
      ...(findings.length ? { findings } : {}),
    });
    h.cut = undefined;
  }
  if (!h.cut && h.debtCuts.has(m)) {
    const seal = `KM-${h.inst.installationNo.slice(-6)}${++h.seals}`;
    const cut = office.assign(dev, h.inst, 'cut', later, index, h.lastRead, {
      debt: {
        amount: '1200.00',
        oldestDueDate: dateOf(m - 2, 1),
        noticeSentAt: `${dateOf(m - 1, 20)}T10:00:00+03:00`,
        noticeChannels: ['written', 'sms'],
        unpaidConsumptionM3: '150',
      },
    });
    office.event(dev, cut, 'gas.cut', later, { index, sealNo: seal, checklist: [] });
    h.cut = { seal, index, since: m };
  }
  if (h.exchanges.has(m) && !h.cut) {
    const serial = h.inst.meter.serial;
    const rem = office.assign(dev, h.inst, 'meter-removal', later, index, h.lastRead);
    office.event(dev, rem, 'meter.removed', later, { serial, finalIndex: index, sealNos: [] });
    h.inst.meter.serial = `G-${h.inst.installationNo}-${++h.serialNo}`;
    const ins = office.assign(dev, h.inst, 'meter-installation', later, 0, later);
    office.event(dev, ins, 'meter.installed', later, { serial: h.inst.meter.serial, initialIndex: 0, sealNos: [], replacesSerial: serial });
    h.meter -= index;
    h.recorded = 0;
    h.lastRead = later;
  }
  if (h.inspections.has(m)) {
    const ins = office.assign(dev, h.inst, 'inspection', later, index, h.lastRead);
    office.event(dev, ins, 'inspection.reported', later, {
      reportNo: `TT-${h.inst.installationNo}-${m}`,
      finding: 'none',
      subtype: null,
      index,
      seals: [],
      evidenceSha256: 'a'.repeat(64),
    });
  }
}

/** No-read codes (docs/domain.md §2) at ordinary rates; offenders keep crews out more often. */
function skipCode(x: number, offender: boolean, y: number): string | null {
  if (offender && y < 0.1) return y < 0.06 ? '05' : y < 0.09 ? '02' : '09';
  const table: [number, string][] = [
    [0.05, '01'],
    [0.058, '02'],
    [0.063, '03'],
    [0.067, '05'],
    [0.069, '04'],
    [0.072, '07'],
    [0.073, '06'],
    [0.0735, '09'],
  ];
  for (const [p, c] of table) if (x < p) return c;
  return null;
}

function gauss(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}
