import type { CliCommand } from './types.js';
// Placeholder until the TUI lands (issue 6); replaced there.
export const startCommand: CliCommand = {
  summary: 'run the field terminal',
  usage: 'saha start [--config FILE]',
  async run(_argv, io) {
    io.stderr('saha start: the terminal UI is not built yet\n');
    return 1;
  },
};
