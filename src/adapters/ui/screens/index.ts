/** Screens after the login, loaded once the first screen has painted (start-up budget). */
export { JobListScreen } from './JobListScreen.js';
export { ReadingScreen } from './ReadingScreen.js';
export { JobScreen } from './JobScreen.js';
export { ReprintScreen } from './ReprintScreen.js';
export { EndOfDayScreen } from './EndOfDayScreen.js';
export { CutScreen } from './CutScreen.js';
export { ReconnectScreen } from './ReconnectScreen.js';
export { MeterExchangeScreen } from './MeterExchangeScreen.js';
export { InspectionScreen } from './InspectionScreen.js';
