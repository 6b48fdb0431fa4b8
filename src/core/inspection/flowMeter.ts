/**
 * The meter step: scan the meter (or key its serial), key the index, or say there is no meter.
 * The two fields are kept as typed (MeterForm) and the draft's meter follows them: a scan or a
 * typed serial at once, the index on Enter or F1.
 */
import { editText } from './flowKeys.js';
import { emit, go, to, withDraft, type OpenState } from './flowMoves.js';
import type { KeyAction, MeterForm } from './flowTypes.js';
import type { InspectionDraft } from './report.js';

/** The form's fields for a resumed (or new) draft. */
export function meterFormOf(d: InspectionDraft): MeterForm {
  const index = d.meter?.index;
  return {
    field: 'serial',
    serial: d.meter?.serial ?? '',
    index: index === null || index === undefined ? '' : String(index),
    // An empty new draft has no meter yet either: only an unmetered-connection finding says "none".
    noMeter: d.meter === null && d.subtype === 'unmetered-connection',
  };
}

const keyedIndex = (m: MeterForm): number | null => (m.index ? Number(m.index) : null);

/** A scanned serial replaces the typed one and moves to the index; a meter scanned is there ("no meter" ends). */
export function meterScan(s: OpenState, code: string): OpenState {
  const serial = code.trim();
  const next = withDraft(s, { meter: { serial, scanned: true, index: keyedIndex(s.meter) } });
  return { ...next, meter: { ...s.meter, serial, field: 'index', noMeter: false }, problem: null };
}

/** The draft with the meter step's fields as typed (leaving with "keep" must not lose them). */
export function keptMeter(s: OpenState): OpenState {
  const m = s.meter;
  const serial = m.serial.trim();
  if (m.noMeter || !serial) return s;
  const scanned = s.draft.meter?.scanned === true && s.draft.meter.serial === serial;
  const index = keyedIndex(m);
  const cur = s.draft.meter;
  if (cur && cur.serial === serial && cur.scanned === scanned && cur.index === index) return s;
  return withDraft(s, { meter: { serial, scanned, index } });
}

export function meterKey(s: OpenState, k: KeyAction): OpenState {
  const m = s.meter;
  const d = s.draft;
  switch (k.key) {
    case 'f1': {
      const noMeter = !m.noMeter;
      const meter = noMeter ? null : m.serial ? { serial: m.serial, scanned: false, index: keyedIndex(m) } : null;
      return { ...withDraft(s, { meter }), meter: { ...m, noMeter }, problem: null };
    }
    case 'f2':
      return emit(s, { do: 'prompt-scan' });
    case 'up':
    case 'down':
      return { ...s, meter: { ...m, field: m.field === 'serial' ? 'index' : 'serial' } };
    case 'back':
      return to(s, { kind: 'leave' });
    case 'enter': {
      if (m.noMeter) return go(s, 'seals');
      const serial = m.serial.trim();
      if (!serial) return { ...s, problem: { key: 'insp.meter.needSerial' } };
      const next = withDraft(s, {
        meter: { serial, scanned: d.meter?.scanned === true && d.meter.serial === serial, index: keyedIndex(m) },
      });
      // The first Enter after the serial moves to the index when none is keyed yet.
      if (m.field === 'serial' && m.index === '') return { ...next, meter: { ...m, field: 'index' } };
      return go(next, 'seals');
    }
    default:
      break;
  }
  // "No meter": the fields are hidden and stay out of the draft; F1 again brings them back.
  if (m.noMeter) return s;
  if (m.field === 'serial') {
    const v = editText(m.serial, k, 'text', 32);
    if (v === null) return s;
    return { ...withDraft(s, { meter: { serial: v, scanned: false, index: d.meter?.index ?? null } }), meter: { ...m, serial: v } };
  }
  const v = editText(m.index, k, 'digits', 10);
  return v === null ? s : { ...s, meter: { ...m, index: v } };
}
