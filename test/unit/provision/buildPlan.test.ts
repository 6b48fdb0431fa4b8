/** The info-slip series at provisioning (docs/invoice.md "Bilgi fişi"): a flag, required with --yes, written to the config. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArgs } from '../../../src/cli/args.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { completePlan, draftFromArgs, infoSlipSeriesProblem, PROVISION_ARGS } from '../../../src/provision/buildPlan.js';
import { configFromPlan } from '../../../src/provision/provisionDevice.js';
import { TEST_DISTRIBUTOR } from '../../helpers/distributor.js';

const flags = (extra: string[]) =>
  draftFromArgs(
    parseArgs(
      [
        '--device-id',
        'HT-0042',
        '--invoice-series',
        'HTA',
        '--mqtt-url',
        'mqtts://broker:8883',
        '--printer-profile',
        'virtual-pty',
        '--no-hid',
        ...extra,
      ],
      PROVISION_ARGS,
    ),
  );

test('--info-slip-series goes into the plan and the config', async () => {
  const d = await flags(['--info-slip-series', 'HTB']);
  const plan = completePlan({ ...d, operators: [] });
  assert.is(plan.infoSlipSeries, 'HTB');
  const config = configFromPlan(plan);
  assert.equal([config.invoiceSeries, config.infoSlipSeries], ['HTA', 'HTB']);
  const r = loadConfig({ fileText: JSON.stringify({ ...config, distributor: TEST_DISTRIBUTOR }), env: {} });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.is(r.ok && r.config.infoSlipSeries, 'HTB');
});

test('with --yes a missing --info-slip-series is listed with the other missing options', async () => {
  const d = await flags([]);
  try {
    completePlan({ ...d, operators: [] });
    assert.unreachable('completePlan accepted a plan without an info-slip series');
  } catch (e) {
    assert.match((e as Error).message, '--info-slip-series');
  }
});

test('a flag equal to the invoice series or off the format is refused by the config check before anything is written', async () => {
  for (const [series, message] of [
    ['HTA', 'must differ from invoiceSeries HTA'],
    ['h2', 'got "h2"'],
  ] as const) {
    const plan = completePlan({ ...(await flags(['--info-slip-series', series])), operators: [] });
    const r = loadConfig({ fileText: JSON.stringify({ ...configFromPlan(plan), distributor: TEST_DISTRIBUTOR }), env: {} });
    assert.not.ok(r.ok);
    const issue = !r.ok ? r.errors.find((x) => x.key === 'infoSlipSeries') : undefined;
    assert.ok(issue, `${series}: no infoSlipSeries problem`);
    assert.match(issue.message, message);
  }
});

test('the interactive question: the schema format, and never the invoice series', () => {
  assert.is(infoSlipSeriesProblem('HTB', 'HTA'), undefined);
  assert.match(infoSlipSeriesProblem('HTA', 'HTA') ?? '', 'must differ from the invoice series HTA');
  for (const bad of ['htb', 'HT', 'HTBB', 'HT-']) assert.is(infoSlipSeriesProblem(bad, 'HTA'), '3 of A–Z 0–9', bad);
});

test.run();
