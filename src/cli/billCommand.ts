import type { CliCommand } from './types.js';
export const billCommand: CliCommand = { summary: '', usage: '', async run() { return 1; } };
