/** The one copy of the app's path rules (src/provision/devicePaths.ts), which compose, provision and doctor share. */
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inputProfileDir, logFilePath, printerProfileFile } from '../../../src/provision/devicePaths.js';

test('printer profile: a name is a file in device/printers, a path or .json file is taken as given', () => {
  assert.is(printerProfileFile('generic-58', '/opt/saha'), '/opt/saha/device/printers/generic-58.json');
  assert.is(printerProfileFile('/etc/saha/p.json', '/opt/saha'), '/etc/saha/p.json');
  assert.is(printerProfileFile('mine.json', '/opt/saha'), resolve('mine.json'));
});

test('input profiles: none, the shipped folder, or an absolute folder', () => {
  assert.is(inputProfileDir('', '/opt/saha'), '');
  assert.is(inputProfileDir('default', '/opt/saha'), '/opt/saha/device/input');
  assert.is(inputProfileDir('/etc/saha/input', '/opt/saha'), '/etc/saha/input');
});

test('log file: config.logFile, else saha.log in the data directory', () => {
  assert.is(logFilePath({ dataDir: '/var/lib/saha', logFile: '' }), '/var/lib/saha/saha.log');
  assert.is(logFilePath({ dataDir: 'data', logFile: '' }), join(resolve('data'), 'saha.log'));
  assert.is(logFilePath({ dataDir: '/var/lib/saha', logFile: '/var/log/saha.log' }), '/var/log/saha.log');
});

test.run();
