/** Where a command writes. The process's streams in real use; tests may pass collectors. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard output is a terminal a person watches (progress bars then); false for pipes, files and tests. */
  readonly stdoutIsTerminal?: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stdoutIsTerminal: process.stdout.isTTY === true,
};
