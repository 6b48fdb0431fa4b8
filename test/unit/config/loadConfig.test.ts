import { DEFAULT_TARIFF_BOUNDS } from '../../../src/core/billing/tariffBounds.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configError, loadConfig, configKeys } from '../../../src/config/loadConfig.js';
import { ErrorCode } from '../../../src/core/errors/AppError.js';
import { bootHints } from '../../../src/config/bootHints.js';
import { TEST_DISTRIBUTOR } from '../../helpers/distributor.js';

test('no file, no env: demo defaults', () => {
  const r = loadConfig({});
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(r.config.mode, 'demo');
  assert.is(r.config.mqtt.keepaliveSec, 20);
  assert.is(r.config.mqtt.protocolVersion, 4);
});

test('SAHA_MQTT_URL, SAHA_DEVICE_ID and SAHA_DATA_DIR override the file', () => {
  const r = loadConfig({
    fileText: JSON.stringify({ deviceId: 'HT-1', dataDir: '/a', mqtt: { url: 'mqtt://a:1' } }),
    env: { SAHA_MQTT_URL: 'mqtt://127.0.0.1:1883', SAHA_DEVICE_ID: 'HT-0042', SAHA_DATA_DIR: '/tmp/x' },
  });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(r.config.mqtt.url, 'mqtt://127.0.0.1:1883');
  assert.is(r.config.deviceId, 'HT-0042');
  assert.is(r.config.dataDir, '/tmp/x');
});

test('numbers and booleans from the environment are typed', () => {
  const r = loadConfig({
    env: { SAHA_MQTT_KEEPALIVE_SEC: '30', SAHA_MQTT_PROTOCOL_VERSION: '5', SAHA_SECURITY_REQUIRE_SIGNATURES: 'true' },
  });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(r.config.mqtt.keepaliveSec, 30);
  assert.is(r.config.mqtt.protocolVersion, 5);
  assert.is(r.config.security.requireSignatures, true);
});

test('a config with three errors reports all three, each naming its key', () => {
  const r = loadConfig({ fileText: JSON.stringify({ deviceId: 'bad id!', mqtt: { keepaliveSec: 1 }, reading: { highFactor: 'x' } }) });
  assert.not.ok(r.ok);
  if (r.ok) return;
  assert.equal(r.errors.map((e) => e.key).sort(), ['deviceId', 'mqtt.keepaliveSec', 'reading.highFactor']);
});

test('reading.highConsumption: hold-for-office is taken; another value is a Config_Invalid error naming the key', () => {
  const ok = loadConfig({ fileText: JSON.stringify({ reading: { highConsumption: 'hold-for-office' } }) });
  assert.ok(ok.ok);
  const bad = loadConfig({ fileText: JSON.stringify({ reading: { highConsumption: 'office' } }) });
  assert.not.ok(bad.ok);
  if (bad.ok) return;
  assert.equal(
    bad.errors.map((e) => e.key),
    ['reading.highConsumption'],
  );
  const e = configError(bad.errors, 'saha.json');
  assert.is(e.code, ErrorCode.Config_Invalid);
  assert.match(e.message, /reading\.highConsumption: must be one of supervisor, hold-for-office/);
});

test('unknown keys and broken JSON are errors, not silently ignored', () => {
  const a = loadConfig({ fileText: JSON.stringify({ mqtt: { urll: 'x' } }) });
  assert.not.ok(a.ok);
  if (!a.ok) assert.is(a.errors[0]!.key, 'mqtt.urll');
  const b = loadConfig({ fileText: '{ "deviceId": ', fileName: 'saha.json' });
  assert.not.ok(b.ok);
  if (!b.ok) assert.match(b.errors[0]!.message, 'saha.json is not valid JSON');
});

test('an empty config file is a config error, never demo mode', () => {
  for (const fileText of ['', '  \n', '\uFEFF']) {
    const r = loadConfig({ fileText, fileName: '/etc/saha/saha.json' });
    assert.not.ok(r.ok, JSON.stringify(fileText));
    if (!r.ok) {
      assert.is(r.errors[0]!.key, '(file)');
      assert.match(r.errors[0]!.message, '/etc/saha/saha.json is empty');
    }
  }
});

test('a leading byte order mark is stripped and the config accepted', () => {
  const r = loadConfig({
    fileText:
      '\uFEFF' +
      JSON.stringify({ mode: 'device', deviceId: 'HT-0042', mqtt: { url: 'mqtts://broker:8883' }, distributor: TEST_DISTRIBUTOR }),
    fileName: 'saha.json',
  });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  if (r.ok) assert.is(r.config.deviceId, 'HT-0042');
  assert.equal(
    bootHints('\uFEFF{"mode":"device","deviceId":"HT-0042","locale":"en"}', {}),
    { locale: 'en', mode: 'device', deviceId: 'HT-0042' },
    'the first screen reads it too',
  );
});

test('device mode refuses the shipped sample distributor and a tax number that fails its check digit; demo mode keeps the sample', () => {
  const device = (distributor?: Record<string, string>) =>
    loadConfig({
      fileText: JSON.stringify({
        mode: 'device',
        deviceId: 'HT-0042',
        mqtt: { url: 'mqtts://broker:8883' },
        ...(distributor ? { distributor } : {}),
      }),
    });
  const sample = device();
  assert.not.ok(sample.ok);
  if (!sample.ok) {
    assert.equal(
      sample.errors.map((e) => e.key),
      ['distributor.title', 'distributor.taxNo'],
    );
    assert.match(sample.errors[0]!.message, 'shipped sample "ÖRNEK DOĞAL GAZ DAĞITIM A.Ş."');
    assert.match(sample.errors[1]!.message, 'shipped sample 1234567890');
  }
  // Only the title replaced: the sample tax number is still refused, and the other way round.
  const titleOnly = device({ title: 'ESKİŞEHİR DOĞAL GAZ A.Ş.' });
  assert.equal(!titleOnly.ok && titleOnly.errors.map((e) => e.key), ['distributor.taxNo']);
  const taxOnly = device({ taxNo: TEST_DISTRIBUTOR.taxNo });
  assert.equal(!taxOnly.ok && taxOnly.errors.map((e) => e.key), ['distributor.title']);
  const badVkn = device({ ...TEST_DISTRIBUTOR, taxNo: '9876543210' });
  assert.not.ok(badVkn.ok);
  if (!badVkn.ok) assert.match(badVkn.errors[0]!.message, 'VKN 9876543210 fails its check digit');
  assert.ok(device({ ...TEST_DISTRIBUTOR }).ok);
  const demo = loadConfig({ fileText: JSON.stringify({ mode: 'demo' }) });
  assert.ok(demo.ok);
  if (demo.ok) assert.is(demo.config.distributor.taxNo, '1234567890');
});

test('tariff bounds: defaults are the shipped ones; a range may be changed; min above max or a non-decimal is a config error', () => {
  const d = loadConfig({ fileText: '{}' });
  assert.ok(d.ok);
  if (d.ok) assert.equal(d.config.tariffBounds, DEFAULT_TARIFF_BOUNDS);
  const k = loadConfig({ fileText: JSON.stringify({ tariffBounds: { correctionFactor: { min: '0.9' } } }) });
  assert.ok(k.ok);
  if (k.ok) assert.equal(k.config.tariffBounds.correctionFactor, { min: '0.9', max: '1.3' });
  const bad = loadConfig({
    fileText: JSON.stringify({ tariffBounds: { vatRate: { min: '0.5', max: '0.2' }, unitPricePerKwh: { max: '5,0' } } }),
  });
  assert.not.ok(bad.ok);
  if (!bad.ok)
    assert.equal(
      bad.errors.map((e) => e.key),
      ['tariffBounds.unitPricePerKwh.max'],
    );
  const swapped = loadConfig({ fileText: JSON.stringify({ tariffBounds: { vatRate: { min: '0.5', max: '0.2' } } }) });
  assert.not.ok(swapped.ok);
  if (!swapped.ok) assert.equal(swapped.errors, [{ key: 'tariffBounds.vatRate', message: 'min 0.5 is above max 0.2' }]);
});

test('distributor.mersisNo: optional, 16 digits or a config error naming the key', () => {
  const ok = loadConfig({ fileText: JSON.stringify({ distributor: { mersisNo: '0123456789012345' } }) });
  assert.ok(ok.ok && ok.config.distributor.mersisNo === '0123456789012345');
  const bad = loadConfig({ fileText: JSON.stringify({ distributor: { mersisNo: '12345' } }) });
  assert.ok(!bad.ok && bad.errors.some((e) => e.key === 'distributor.mersisNo'));
});

test('every leaf key has an env name', () => {
  const names = configKeys().map((k) => k.env);
  assert.ok(names.includes('SAHA_MQTT_URL'));
  assert.ok(names.includes('SAHA_DEVICE_ID'));
  assert.ok(names.includes('SAHA_DATA_DIR'));
  assert.is(new Set(names).size, names.length);
});

test.run();
