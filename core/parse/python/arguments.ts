/**
 * Reading a layer constructor's arguments by the framework's signature, with a diagnostic
 * for every value ConvLab can't use, at that argument's range.
 *
 * What happens to a value that is not a constant (a function parameter, `x_train[0].shape`):
 * - a required one (filters, units, a drop rate): the layer can't be built. It is left out
 *   of the model with an information diagnostic, and the rest of the model is still read;
 * - an optional one (strides, activation): the framework's default is assumed, and an
 *   information diagnostic says so.
 * A value of the wrong type (a string for filters) is an error: the framework would raise.
 */
import type { Pair } from '../../model/ir';
import { bindArgs, type Call, type CallArg, type Host } from './context';
import { isRef, type LayerValue, type Value } from './values';

export type Omission = NonNullable<LayerValue['omitted']>;

/** A Python value as the learner would write it, for messages. */
export function pyRepr(v: Value): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `(${v.map(pyRepr).join(', ')}${v.length === 1 ? ',' : ''})`;
  return v.kind === 'path' ? v.path : `a ${v.kind}`;
}

export class LayerArgs {
  readonly bound: Map<string, CallArg>;
  private failure: Omission | undefined;

  constructor(private readonly host: Host, readonly call: Call, readonly layer: string, params: readonly string[]) {
    this.bound = bindArgs(call, params);
  }

  /** Why the layer can't be built, if it can't. */
  get omitted(): Omission | undefined {
    return this.failure;
  }

  has(name: string): boolean {
    return this.bound.has(name);
  }

  value(name: string): Value | undefined {
    return this.bound.get(name)?.value;
  }

  /** Reports a problem that leaves the layer out (only the first is kept as the reason). */
  fail(arg: CallArg | undefined, code: Omission['code'], message: string, severity?: 'error'): void {
    const at = arg ?? this.call;
    this.host.report(at.from, at.to, severity ?? 'information', code, message);
    this.failure ??= { code, message, ...(severity ? { severity } : {}) };
  }

  note(arg: CallArg | undefined, message: string, code: 'unresolved' | 'unsupported' = 'unsupported'): void {
    const at = arg ?? this.call;
    this.host.report(at.from, at.to, 'information', code, message);
  }

  /** Code that runs but rarely does what was meant: a warning at the call. */
  pitfall(message: string): void {
    this.host.report(this.call.from, this.call.to, 'warning', 'pitfall', message);
  }

  /**
   * The argument's value when it is usable, else undefined after reporting why. `fallback`
   * absent means the argument is required.
   */
  private read<T>(name: string, fallback: T | undefined, convert: (v: Value) => T | undefined, expected: string, show: (t: T) => string): T | undefined {
    const arg = this.bound.get(name);
    if (!arg) {
      if (fallback !== undefined) return fallback;
      if (this.call.opaque) this.fail(undefined, 'unresolved', `ConvLab can't follow this call yet: ${this.layer}'s ${name} comes from *args or **kwargs, so the layer is left out of the model.`);
      else this.fail(undefined, 'invalidArgument', `${this.layer} needs ${name}: the call is missing it.`, 'error');
      return undefined;
    }
    const v = arg.value;
    if (isRef(v) && (v.kind === 'unknown' || v.kind === 'batch')) {
      const src = this.host.snippet(arg.valueFrom, arg.valueTo);
      if (fallback === undefined) {
        // The whole call is what can't be followed: it is underlined, not just the argument.
        this.fail(undefined, 'unresolved', `ConvLab can't follow this call yet: ${this.layer}'s ${name} is \`${src}\`, not a constant ConvLab can work out, so the layer is left out of the model.`);
      } else {
        this.note(arg, `ConvLab can't work out ${this.layer}'s ${name} from \`${src}\`: it assumes the default, ${show(fallback)}.`, 'unresolved');
      }
      return fallback;
    }
    const t = convert(v);
    if (t === undefined) {
      this.fail(arg, 'invalidArgument', `${this.layer}'s ${name} must be ${expected}, got ${pyRepr(v)}.`, 'error');
      return undefined;
    }
    return t;
  }

  int(name: string, fallback?: number): number {
    return this.read(name, fallback, (v) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined), 'an integer', String) ?? 0;
  }

  number(name: string, fallback?: number): number {
    return this.read(name, fallback, (v) => (typeof v === 'number' ? v : undefined), 'a number', String) ?? 0;
  }

  bool(name: string, fallback: boolean): boolean {
    return this.read(name, fallback, (v) => (typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : undefined), 'True or False', (b) => (b ? 'True' : 'False')) ?? fallback;
  }

  /** None or missing → undefined; else a string. */
  optionalString(name: string): string | undefined {
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    return this.read<string | null>(name, null, (x) => (typeof x === 'string' ? x : undefined), 'a string', () => 'None') ?? undefined;
  }

  /** An int n (→ (n, n)) or a pair of ints, as Keras' and PyTorch's 2-D sizes are written. */
  pair(name: string, fallback?: Pair): Pair {
    return this.read(name, fallback, toPair, 'an integer or a pair of integers', (p) => `(${p[0]}, ${p[1]})`) ?? [0, 0];
  }

  /** Like pair, but None (or missing) gives undefined: pooling's strides=None means the pool size. */
  optionalPair(name: string): Pair | undefined {
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    return this.read<Pair | null>(name, null, toPair, 'an integer or a pair of integers', () => 'None') ?? undefined;
  }
}

export function toPair(v: Value): Pair | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isInteger(x))) return [v[0] as number, v[1] as number];
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number' && Number.isInteger(v[0])) return [v[0], v[0]];
  return undefined;
}
