// The `distillery` program: global options, command registration, and one place that turns any
// error into "error [CODE]: message" on stderr plus an exit code (never a stack trace).
import { Command, CommanderError } from 'commander';

import { registerAuthCommands } from './commands/auth.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerExperimentCommands } from './commands/experiment.ts';
import { registerExportCommands } from './commands/export.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerModelCommands } from './commands/models.ts';
import { registerPasswordCommands } from './commands/password.ts';
import { registerProjectCommands } from './commands/projects.ts';
import { registerResultsCommands } from './commands/results.ts';
import { registerRunsCommands } from './commands/runs.ts';
import { registerTokenCommands } from './commands/tokens.ts';
import { registerTrainingCommands } from './commands/training.ts';
import { registerUserCommands } from './commands/users.ts';
import { CliContext, type GlobalOptions } from './context.ts';
import { describeError, EXIT, exitCodeFor } from './exit-codes.ts';
import type { CliIo } from './io.ts';

/** A command body: gets the context and the positional arguments/options commander parsed. */
export type Action = (ctx: CliContext, ...args: never[]) => Promise<number | void>;

/** Shared state of one invocation: the exit code the action chose. */
interface RunState {
  code: number;
}

/** Wrap a command body so it receives a CliContext and records its exit code. */
export function makeAction(io: CliIo, state: RunState) {
  return (fn: (ctx: CliContext, ...args: never[]) => Promise<number | void>) =>
    async (...args: unknown[]) => {
      const cmd = args.at(-1) as Command;
      const ctx = new CliContext(io, cmd.optsWithGlobals<GlobalOptions>());
      try {
        const code = await fn(ctx, ...(args.slice(0, -1) as never[]));
        state.code = typeof code === 'number' ? code : EXIT.OK;
      } finally {
        await ctx.close();
      }
    };
}

/** Registration hook of a command group. */
export type Register = (program: Command, action: ReturnType<typeof makeAction>) => void;

const EXAMPLES = `
Examples:
  $ distillery login --email demo@distillery.local --password distillery
  $ distillery datasets import mnist
  $ distillery runs list --status RUNNING --json
  $ distillery runs watch <run-id>

Configuration: --url/DISTILLERY_API_URL, --token/DISTILLERY_TOKEN, --project/DISTILLERY_PROJECT,
else the file written by \`login\` ($XDG_CONFIG_HOME/distillery/config.json).
Exit codes: 0 ok, 1 error, 2 usage or invalid input, 3 authentication, 4 not found,
5 API unreachable; \`runs watch\`: 10 run FAILED, 11 run CANCELLED.`;

/** Build the program for one invocation. */
export function buildProgram(io: CliIo, state: RunState): Command {
  const program = new Command('distillery')
    .description('Drive Distillery (ensembles and multi-teacher distillation) from the terminal and scripts.')
    .option('--url <url>', 'GraphQL endpoint of the API (default http://localhost:4000/graphql)')
    .option('--token <token>', 'API token (default: the one stored by login)')
    .option('-p, --project <slug|id>', 'project to work in (default: your only project)')
    .option('--json', 'print JSON instead of tables')
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(s),
    });
  const action = makeAction(io, state);
  for (const register of [
    registerAuthCommands,
    registerPasswordCommands,
    registerProjectCommands,
    registerUserCommands,
    registerTokenCommands,
    registerDataCommands,
    registerTrainingCommands,
    registerExperimentCommands,
    registerRunsCommands,
    registerResultsCommands,
    registerExportCommands,
    registerImportCommands,
    registerModelCommands,
  ]) {
    register(program, action);
  }
  // Sub-commands inherit the error handling and output of the root.
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride().configureOutput({
        writeOut: (s) => io.out(s),
        writeErr: (s) => io.err(s),
        outputError: (s, write) => write(s),
      });
      sub.showHelpAfterError('(add --help for usage and examples)');
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/** Run the CLI with `args` (without node and script); resolves with the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const state: RunState = { code: EXIT.OK };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync(args, { from: 'user' });
    return state.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with code 0; every parse error is a usage error.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    const { code, message } = describeError(e);
    io.err(`error [${code}]: ${message}\n`);
    if (io.env.DISTILLERY_DEBUG === '1' && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return exitCodeFor(code);
  }
}
