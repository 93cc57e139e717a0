/**
 * Command-line parsing for `convlab <command> [options]`, on Node's own util.parseArgs
 * (strict: an unknown option or a missing value is an error, not silently ignored). Every
 * command gets --json and --help.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly description: string;
}

export interface CommandSpec {
  readonly name: string;
  /** e.g. '<model>' */
  readonly positionals: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly json: boolean;
}

/** Where a command writes: results to `out` (stdout), progress and warnings to `err` (stderr). */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'machine-readable output: the last line of stdout is one JSON object' },
  help: { type: 'boolean', description: 'show this help' },
};

export class UsageError extends Error {}

export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = { ...COMMON_OPTIONS, ...spec.options };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, { type: o.type }])),
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as ParsedArgs['values'], json: values['json'] === true };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A string option as a non-negative integer, or the default. */
export function intOption(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < 0) throw new UsageError(`--${name} needs a non-negative integer, got '${String(raw)}'`);
  return n;
}

export function usage(spec: CommandSpec): string {
  const options = { ...spec.options, ...COMMON_OPTIONS };
  const width = Math.max(...Object.entries(options).map(([k, o]) => k.length + (o.type === 'string' ? 6 : 0)));
  const lines = Object.entries(options).map(([k, o]) => `  --${(k + (o.type === 'string' ? ' VALUE' : '')).padEnd(width)}  ${o.description}`);
  return [`convlab ${spec.name}${spec.positionals ? ` ${spec.positionals}` : ''} [options]`, `  ${spec.summary}`, '', ...lines].join('\n');
}
