/**
 * `saha bill`: the billing core as a command, for the back office to check a bill and for us to
 * reproduce a customer's complaint. Exit 2 with one line naming the problem on any bad input.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DueDateCalendar } from '../core/billing/dueDate.js';
import { computeInvoice } from '../core/billing/computeInvoice.js';
import { DEFAULT_READING_RULES } from '../core/reading/rules.js';
import { checkTariff } from '../core/billing/parseTariff.js';
import type { Tariff } from '../core/contract/tariff.js';
import { AppError, ErrorCode, isAppError } from '../core/errors/AppError.js';
import { parseDate } from '../core/time/calendar.js';
import { accountOptions, billJson, refuseImplausible } from './billOptions.js';
import { renderBillText } from './renderBillText.js';
import { parseArgs, required, one, wholeNumber } from './args.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand } from './types.js';

const usage = `Usage: saha bill --tariff FILE [--tariff FILE…] --previous N --current N --from YYYY-MM-DD --to YYYY-MM-DD [--digits N] [--group G]
                 [--carry AMOUNT] [--charge CODE:AMOUNT:VATRATE…] [--meter-class CLASS] [--tax-id ID] [--json]

  --tariff FILE   tariff JSON as in contract v1 (repeat for a period spanning tariffs)
  --previous N    previous index (integer dials)
  --current N     current index
  --from DATE     previous reading date (counted)
  --to DATE       this reading date (not counted)
  --digits N      meter dials; a current index below the previous one is then a rollover
  --group G       tariff group, when the files hold several
  --carry AMOUNT  the previous invoice's rounding carry (e.g. 0.37 or -0.12), deducted after VAT
  --charge SPEC   a charge billed with the gas, CODE:AMOUNT:VATRATE[:description], net amount,
                  VAT as a fraction (reconnection:150.00:0.20); repeat for several
  --meter-class C G1.6, G2.5, G4, G6, G10, G16 or G25 (default G4): a consumption above the
                  class's maximum flow × the period's hours is refused
  --tax-id ID     the buyer's VKN (10 digits) or TCKN (11), check digits verified
  Tariffs are checked as a device checks them (value ranges), and an open-ended tariff refuses a
  period ending more than 62 days after its validFrom ("too old for this period").
  --json          print the invoice calculation as JSON instead of the 32-column slip;
                  lines carry code, description, net, vat and gross`;

async function loadTariff(file: string): Promise<Tariff> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new AppError(`cannot read tariff file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, ErrorCode.Input_Invalid, {
      cause: e,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError(`tariff file ${file} is not valid JSON: ${(e as Error).message}`, ErrorCode.Billing_InvalidTariff, { cause: e });
  }
  const r = checkTariff(json);
  if (!r.ok) {
    throw new AppError(
      `invalid tariff ${file}: ${r.errors.map((x) => `${x.path} ${x.message}`).join('; ')}`,
      ErrorCode.Billing_InvalidTariff,
    );
  }
  return r.tariff;
}

function date(p: ReturnType<typeof parseArgs>, name: string): string {
  const v = required(p, name);
  if (!parseDate(v)) throw new AppError(`--${name} must be a date YYYY-MM-DD, got "${v}"`, ErrorCode.Input_Invalid);
  return v;
}

/** The holidays the handheld moves due dates past: the shipped device/reference (as `saha dispatch --check`). */
async function shippedCalendar(): Promise<DueDateCalendar> {
  const { loadFieldWorkReference } = await import('../app/loadFieldWorkReference.js');
  const ref = loadFieldWorkReference({ dir: join((await import('../compose.js')).appRoot(), 'device', 'reference') });
  return { holidays: ref.holidays, coveredYears: ref.holidayYears.map((y) => y.year) };
}

export const billCommand: CliCommand = {
  summary: 'compute an invoice from indexes, dates and tariff files',
  usage,
  async run(argv, io) {
    try {
      const p = parseArgs(argv, {
        values: ['tariff', 'previous', 'current', 'from', 'to', 'digits', 'group', 'carry', 'charge', 'meter-class', 'tax-id'],
        repeat: ['tariff', 'charge'],
        flags: ['json'],
      });
      const files = p.values.tariff ?? [];
      if (!files.length) throw new AppError('--tariff is required', ErrorCode.Input_Invalid);
      const previousIndex = wholeNumber(p, 'previous');
      const currentIndex = wholeNumber(p, 'current');
      if (previousIndex === undefined) throw new AppError('--previous is required', ErrorCode.Input_Invalid);
      if (currentIndex === undefined) throw new AppError('--current is required', ErrorCode.Input_Invalid);
      const from = date(p, 'from');
      const to = date(p, 'to');
      if (to < from) throw new AppError(`--to ${to} is before --from ${from}`, ErrorCode.Input_Invalid);
      const digits = wholeNumber(p, 'digits');
      const tariffs = await Promise.all(files.map(loadTariff));
      const group = one(p, 'group');
      const account = accountOptions(p);
      refuseImplausible(previousIndex, currentIndex, digits, from, to, account.meterClass);
      const calc = computeInvoice(
        {
          previousIndex,
          currentIndex,
          previousDate: from,
          currentDate: to,
          ...(digits !== undefined ? { digits } : {}),
          ...(group ? { group } : {}),
          ...account.input,
          maxTariffAgeDays: DEFAULT_READING_RULES.maxTariffAgeDays,
          dueDateCalendar: await shippedCalendar(),
        },
        tariffs,
      );
      io.stdout(p.flags.has('json') ? JSON.stringify(billJson(calc, account.taxId), null, 2) + '\n' : renderBillText(calc, 32));
      return EXIT_OK;
    } catch (e) {
      if (isAppError(e)) {
        io.stderr(`saha bill: ${e.message}\n`);
        return EXIT_USAGE;
      }
      throw e;
    }
  },
};
