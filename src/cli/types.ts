/** What a CLI subcommand gets: its arguments and where to write. Exit code is the return value. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 ok, 1 a check found problems / runtime failure, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;
