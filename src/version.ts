/** The app's version (package.json's): in status messages, doctor's report and `saha --version`. A module of its own so the CLI can print it without loading the app. */
export const APP_VERSION = '0.1.0';
