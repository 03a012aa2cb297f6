// Process entry of the CLI: wire the real stdio and environment, set the exit code.
import { nodeIo } from './io.ts';
import { runCli } from './program.ts';

/** Run the CLI on process.argv and exit with its code once output is flushed. */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), nodeIo());
}
