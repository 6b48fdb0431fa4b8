export {
  SerialScanner,
  loadSerialPort,
  type SerialScannerOptions,
  type SerialScannerEvents,
  type SerialPortLike,
} from './SerialScanner.js';
export { loadSerialScannerProfiles } from './loadSerialScannerProfiles.js';
