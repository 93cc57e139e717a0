/**
 * The `convlab` command line: a small Node entry over core/ for teachers, scripts and tests.
 * Each command is a CommandSpec in cli/commands/; adding one is adding it to COMMANDS.
 * Exit codes: 0 success, 1 the command failed, 2 a usage error.
 */
import { setFlagsFromString } from 'node:v8';
import type { CommandIo, CommandSpec } from './args';
import { parseCommandArgs, usage, UsageError } from './args';
import { benchCommand } from './commands/bench';
import { summaryCommand } from './commands/summary';
import { benchHoverCommand } from './commands/benchHover';
import { trainCommand } from './commands/train';
import { lspCommand } from './commands/lsp';

const COMMANDS: readonly CommandSpec[] = [trainCommand, summaryCommand, benchCommand, benchHoverCommand, lspCommand];

const processIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'convlab <command> [options]   (every command takes --json and --help)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command '${name}'`);
    const args = parseCommandArgs(command, rest);
    if (args.values['help'] === true) {
      io.out(usage(command));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isUsage = error instanceof UsageError;
    if (json) io.out(JSON.stringify({ error: message }));
    else io.err(`convlab${command ? ` ${command.name}` : ''}: ${message}`);
    if (isUsage) io.err(command ? usage(command) : help());
    return isUsage ? 2 : 1;
  }
}

// Run when executed (node dist/cli/convlab.js, tsx cli/main.ts), not when imported by a test.
if (require.main === module) {
  // Relaxed SIMD (fused multiply-add in the matrix products) is on by default in Chrome and
  // VS Code's Electron but behind a flag in Node 20; set before the kernels compile, it
  // lets the CLI and its worker_threads run the same build the editor does.
  // CONVLAB_WASM_SIMD_ONLY=1 keeps the plain SIMD build (core/wasm/instance.ts).
  if (process.env['CONVLAB_WASM_SIMD_ONLY'] !== '1') setFlagsFromString('--experimental-wasm-relaxed-simd');
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
