// Where the CLI reads and writes: the process in production, buffers in tests.
import { definedEnv } from '@distillery/config/env';

/** Output streams, environment and working directory of one CLI invocation. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stderr is a terminal (progress bars render there). */
  isTTY: boolean;
  /** The stream progress bars draw on. */
  progressStream: NodeJS.WritableStream;
  readStdin(): Promise<string>;
}

/** The real process streams. */
export function nodeIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: definedEnv(process.env),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    progressStream: process.stderr,
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
