/** Shapes shared by reading validation and the ReadingEntry state machine. */
import type { Message } from './messages.js';

/**
 * What validation needs of a job's meter. Structurally a subset of contract `Meter`, plus `active`.
 */
export interface ReadingMeter {
  /** Integer dials (1–10); the index wraps at 10^digits. */
  readonly digits: number;
  readonly lastIndex: number;
  readonly lastReadDate: string;
  /** Exact decimal string from the back office; without it no high/low check is possible. */
  readonly expectedDailyM3?: string;
  /**
   * False when gas is off at this meter (cut, sealed): zero consumption is then normal, so the
   * heating-season zero check is skipped. Default true: a reading job is for a live meter.
   */
  readonly active?: boolean;
  /** Meter class from the job (G1.6 … G25); without it the rules' defaultMeterClass caps the reading. */
  readonly class?: string;
}

export type ReadingFlag = 'high' | 'low' | 'zero' | 'lower-than-previous';
export type OutlierFlag = Exclude<ReadingFlag, 'lower-than-previous'>;
export type LowerChoice = 'rollover' | 'meter-changed' | 'misread' | 'tampering';

export type InvalidReason = 'empty' | 'decimal' | 'not-digits' | 'leading-garbage' | 'too-many-digits';

export type ReadingResult =
  | { readonly kind: 'invalid'; readonly reason: InvalidReason; readonly message: Message }
  | {
      readonly kind: 'ok';
      readonly index: number;
      readonly consumptionM3: number;
      /** Exact decimal string; internal to the app, never shown when limits are hidden. */
      readonly expectedM3?: string;
      readonly flags: readonly [];
    }
  | {
      readonly kind: 'needs-confirmation';
      readonly index: number;
      /**
       * With 'lower-than-previous' this is the consumption IF the crew confirms a rollover
       * (10^digits − previous + index); otherwise plain index − previous.
       */
      readonly consumptionM3: number;
      readonly expectedM3?: string;
      /** Either ['lower-than-previous'] alone, or a non-empty subset of high/low/zero in that order. */
      readonly flags: readonly ReadingFlag[];
      readonly allowed:
        readonly ['rekey'] | readonly ['rollover', 'meter-changed', 'misread'] | readonly ['meter-changed', 'misread', 'tampering'];
      readonly message: Message;
    };

/** A decision the reader took against what validation suggested, with who and when. */
export type Override =
  | {
      readonly kind: 'outlier-confirmed';
      readonly flags: readonly OutlierFlag[];
      readonly index: number;
      readonly operatorId: string;
      readonly at: string;
    }
  | {
      readonly kind: 'rollover';
      readonly previousIndex: number;
      readonly index: number;
      readonly consumptionM3: number;
      readonly operatorId: string;
      readonly at: string;
    }
  | {
      readonly kind: 'meter-changed';
      readonly previousIndex: number;
      readonly index: number;
      readonly operatorId: string;
      readonly at: string;
    }
  | {
      /** A high consumption, re-keyed identically, confirmed by a supervisor's id and PIN (docs/invoice.md). */
      readonly kind: 'supervisor-confirmed';
      readonly index: number;
      readonly consumptionM3: number;
      readonly supervisorId: string;
      /** The reader who keyed it. */
      readonly operatorId: string;
      readonly at: string;
    }
  | {
      /**
       * A high consumption, re-keyed identically, recorded without a bill: the office bills it after
       * review (rules.highConsumption 'hold-for-office', docs/invoice.md "Plausibility").
       */
      readonly kind: 'held-for-office';
      readonly reason: 'high-consumption';
      readonly index: number;
      readonly consumptionM3: number;
      readonly operatorId: string;
      readonly at: string;
    };
