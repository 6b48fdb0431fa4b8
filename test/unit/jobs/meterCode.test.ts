/** The one rule of the scan gate: a code names the job's meter by its serial or its barcode (src/core/jobs/meterCode.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isJobMeter } from '../../../src/core/jobs/meterCode.js';

const meter = { serial: 'ESG21000111', barcode: '8690000111' };

test('serial or barcode, blanks around the code ignored', () => {
  assert.ok(isJobMeter(meter, 'ESG21000111'));
  assert.ok(isJobMeter(meter, ' 8690000111\r\n'));
});

test('another meter, a part of the serial, a blank code or no barcode at all: not this meter', () => {
  assert.not.ok(isJobMeter(meter, 'ESG21000333'));
  assert.not.ok(isJobMeter(meter, 'ESG2100011'));
  assert.not.ok(isJobMeter(meter, 'esg21000111'));
  assert.not.ok(isJobMeter(meter, '   '));
  assert.not.ok(isJobMeter({ serial: 'ESG21000111' }, ''));
});

test.run();
