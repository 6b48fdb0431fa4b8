export { HidInput, type HidInputOptions } from './HidInput.js';
export { checkHid, type HidCheck } from './checkHid.js';
export { loadInputProfiles } from './loadInputProfiles.js';
export { FakeHid, dlopenError } from './FakeHid.js';
export { FakeHidDevice, FakeHidHandle } from './FakeHidDevice.js';
export { FakeScanner } from './FakeScanner.js';
export { loadNodeHid, type HidModule, type HidLoader, type HidDeviceInfo, type HidHandle } from './HidModule.js';
export { advanceSettled, parseRecording, replayRecording, parseHex, settle, type HidRecording } from './hidRecording.js';
