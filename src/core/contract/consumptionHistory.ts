/**
 * The customer's consumption in earlier billing periods, as the back office knows it: carried from
 * job.assign to invoice.issued so the e-mailed invoice can draw the bar chart Turkish gas bills show
 * (docs/invoice.md "E-mailed invoice (A4)"). Addition within contract v1, optional everywhere.
 *
 * Bounded like every contract array (at most 24 entries, short strings): the device's payload size
 * and depth limits (scanPayload.ts) run before parsing, and an entry is a flat object.
 */
import { Type, type Static } from '@sinclair/typebox';
import { NonNegDecimalString, Obj } from './primitives.js';

export const MAX_HISTORY_PERIODS = 24;

export const HistoryPeriod = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  maxLength: 7,
  description: 'a billing period as the month of the reading that closed it (the invoice period.to), YYYY-MM',
});

export const ConsumptionHistorySchema = Type.Array(
  Obj(
    {
      period: HistoryPeriod,
      m3: { ...NonNegDecimalString, description: 'metered m³ billed for that period' },
    },
    'One earlier period',
  ),
  {
    maxItems: MAX_HISTORY_PERIODS,
    description:
      "addition within v1 (issue 17): the last periods' metered m³, any order, newest up to 24; drawn as a chart on the e-mailed invoice (a period given twice: the last entry counts)",
  },
);
export type ConsumptionHistory = Static<typeof ConsumptionHistorySchema>;
