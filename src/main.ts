/**
 * Composition root and process entry. Dispatches the `saha` subcommands; `saha start` (npm start)
 * builds the app from config. Concrete adapters are chosen only here and in the start command, and
 * real hardware modules load with await import() so demo mode never loads native code.
 */
import { runCli } from './cli/index.js';

const io = {
  stdout: (t: string) => void process.stdout.write(t),
  stderr: (t: string) => void process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    if (code !== null && code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`saha: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
