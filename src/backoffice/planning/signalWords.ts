/**
 * The planner's words for what each signal saw (docs/planning.md §Signals): Turkish for the
 * office and the crew (the route's job notes), English below it. Core hands out keys and params
 * (src/core/planning/types.ts SignalText); this is the one place the words are written.
 */
import type { Reason, RankedInstallation, SignalText } from '../../core/planning/types.js';

export interface Words {
  tr: string;
  en: string;
}

const PEERS: Record<Extract<SignalText, { key: 'dropAgainstPeers' }>['group'], Words> = {
  building: { tr: 'aynı binadaki', en: 'in the same building' },
  street: { tr: 'aynı sokaktaki', en: 'on the same street' },
  city: { tr: 'şehirdeki', en: 'in the city' },
};

export function signalWords(t: SignalText): Words {
  switch (t.key) {
    case 'heatingSeasonZeroUse':
      return {
        tr: `Gaz açıkken ısıtma sezonundaki ${t.readings} okumada toplam ${t.m3} m³ tüketim (günde ${t.rate} m³)`,
        en: `gas on, yet only ${t.m3} m³ over ${t.readings} heating-season readings (${t.rate} m³ a day)`,
      };
    case 'dropAgainstOwnHistory':
      return {
        tr: `Son ${t.months} ayda günde ${t.now} m³; önceki yılların aynı aylarında ${t.before} m³ (benzerlerin değişimine göre %${t.pct})`,
        en: `${t.now} m³ a day over the last ${t.months} months against ${t.before} m³ in the same months of earlier years (${t.pct} % after the peers' change)`,
      };
    case 'dropAgainstPeers':
      return {
        tr: `Isıtma sezonunda günde ${t.rate} m³; ${PEERS[t.group].tr} ${t.count} benzer abonenin ortancası ${t.median} m³ (%${t.pct})`,
        en: `${t.rate} m³ a day in the heating season against a median of ${t.median} m³ for ${t.count} similar units ${PEERS[t.group].en} (${t.pct} %)`,
      };
    case 'indexAdvancedWhileCut': {
      const rec = t.at === 'reconnection';
      return {
        tr: `${t.cutDate} kesiminde endeks ${t.cutIndex}; kesik iken ${t.atDate} ${rec ? 'açmada' : 'okumada'} ${t.atIndex}`,
        en: `index ${t.cutIndex} at the cut of ${t.cutDate}; ${t.atIndex} ${rec ? 'at the reconnection' : 'at a reading'} of ${t.atDate} while cut`,
      };
    }
    case 'sealMismatchAtReconnection': {
      const fitted = t.cutSealNo === undefined ? '' : ` (${t.cutSealNo})`;
      return {
        tr: `${t.date} açmasında sökülen mühür (${t.removedSealNo}) kesimde takılan mühür değil${fitted}`,
        en: `the seal removed at the reconnection of ${t.date} (${t.removedSealNo}) is not the one fitted at the cut${fitted}`,
      };
    }
    case 'brokenSeals':
      return {
        tr: `${t.date} denetiminde ${t.seals} mühür kırık veya eksik kaydedildi`,
        en: `${t.seals} seal(s) recorded broken or missing at the inspection of ${t.date}`,
      };
    case 'tamperingNoReadCodes':
      return {
        tr: `Son ${t.months} ayda kurcalama düşündüren okunamama kodu ${t.times} kez (${t.codes})`,
        en: `${t.times} no-read code(s) suggesting tampering in the last ${t.months} months (${t.codes})`,
      };
    case 'refusedAccess':
      return {
        tr: `Son ${t.months} ayda ${t.times} kez sayaca erişim verilmedi`,
        en: `access to the meter refused ${t.times} times in the last ${t.months} months`,
      };
    case 'previousOffences': {
      const kacak = t.finding === 'kacak';
      return {
        tr: `Önceki ${kacak ? 'kaçak' : 'usulsüz'} kullanım tespiti: ${t.times} kez, sonuncusu ${t.last}`,
        en: `earlier ${kacak ? 'kaçak (illegal)' : 'usulsüz (irregular)'} use found ${t.times} time(s), last on ${t.last}`,
      };
    }
    case 'crewRequest':
      return {
        tr: `Ekip ${t.date} tarihinde denetim istedi (${t.reason}); o günden beri denetim yapılmadı`,
        en: `a crew asked for an inspection on ${t.date} (${t.reason}); none made since`,
      };
    case 'neverInspected':
      return { tr: 'Kayıtlı bir denetimi yok', en: 'no inspection on record' };
    case 'timeSinceInspection':
      return { tr: `Son denetimden bu yana ${t.days} gün (${t.last})`, en: `${t.days} days since the last inspection (${t.last})` };
  }
}

/** A reason as the plan shows it (`--json`, the terminal, the route's notes): its words in place of its key. */
export type WordedReason = Omit<Reason, 'text'> & Words;
export type PlannedInstallation = Omit<RankedInstallation, 'reasons'> & { reasons: WordedReason[] };

export function wordPlan(ranked: readonly RankedInstallation[]): PlannedInstallation[] {
  return ranked.map((r) => ({ ...r, reasons: r.reasons.map(({ text, ...x }) => ({ ...x, ...signalWords(text) })) }));
}
