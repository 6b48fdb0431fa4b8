/** The bill preview on the 40-column screen shows the charges, VAT per rate and the carry (docs/invoice.md). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeInvoice } from '../../../src/core/billing/computeInvoice.js';
import { translator } from '../../../src/adapters/ui/i18n/index.js';
import { billLines } from '../../../src/adapters/ui/view/billLines.js';
import { loadTariff } from '../../helpers/tariffs.js';

const input = { previousIndex: 4100, currentIndex: 4250, previousDate: '2026-01-05', currentDate: '2026-02-04', digits: 5 };
const text = (c: ReturnType<typeof computeInvoice>) =>
  billLines(c, 40, translator('tr'), { rollover: false, outlier: false }).map((l) => l.map((s) => s.text).join(''));

test('charges, VAT per rate and the previous carry appear; a gas-only bill keeps its one VAT line', () => {
  const t = loadTariff('esgaz-k1-2026-01');
  const c = computeInvoice(
    {
      ...input,
      previousCarry: '0.45',
      charges: [
        { code: 'reconnection', description: 'Açma-kapama bedeli', amount: '206.00', vatRate: '0.20' },
        { code: 'deposit', description: 'Güvence bedeli taksiti', amount: '250.00', vatRate: '0' },
      ],
    },
    [t],
  );
  const lines = text(c);
  for (const l of [
    'Açma-kapama bedeli 206,00 TL',
    'Güvence bedeli taksiti 250,00 TL',
    'KDV %0 0,00 TL',
    'KDV %20 383,72 TL',
    'Önceki yuvarlama -0,45 TL',
  ])
    assert.ok(lines.includes(l), `${l} in ${JSON.stringify(lines)}`);
  for (const l of lines) assert.ok([...l].length <= 40, l);
  const plain = text(computeInvoice(input, [t]));
  assert.equal(
    plain.filter((l) => l.startsWith('KDV')),
    ['KDV %20 342,52 TL'],
  );
  assert.not.ok(plain.some((l) => l.includes('yuvarlama')));
});

test.run();
