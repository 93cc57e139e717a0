/**
 * The Python built-ins that decide how many layers a loop adds or what size a layer gets:
 * range, len, enumerate, zip, list, tuple, int, min, max, sum, abs, round, dict and
 * collections.OrderedDict. Everything else built in (print, open, isinstance, super) is
 * UNKNOWN, which is all ConvLab needs to carry on.
 */
import type { Call } from './context';
import { MAX_LOOP_PASSES } from './state';
import { isRef, UNKNOWN, type Value } from './values';

export const PYTHON_BUILTINS: ReadonlySet<string> = new Set([
  'range', 'len', 'enumerate', 'zip', 'list', 'tuple', 'int', 'float', 'bool', 'str', 'min', 'max', 'sum', 'abs', 'round',
  'dict', 'sorted', 'reversed', 'print', 'super', 'isinstance', 'open', 'type', 'getattr', 'setattr', 'hasattr',
]);

/** A value that can be iterated, as an array; undefined when not known. */
export function iterate(v: Value): Value[] | undefined {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isRef(v) && v.kind === 'dict') return v.entries.map(([k]) => k);
  return undefined;
}

const ints = (vs: readonly Value[]): vs is number[] => vs.every((v) => typeof v === 'number' && Number.isInteger(v));

function range(args: Value[]): Value {
  if (!ints(args) || args.length < 1 || args.length > 3) return UNKNOWN;
  const [start, stop, step] = args.length === 1 ? [0, args[0]!, 1] : [args[0]!, args[1]!, args[2] ?? 1];
  if (step === 0) return UNKNOWN;
  const count = Math.max(0, Math.ceil((stop - start) / step));
  // A loop with more passes than this is not building a model ConvLab could show.
  if (count > MAX_LOOP_PASSES * 10) return UNKNOWN;
  return Array.from({ length: count }, (_, i) => start + i * step);
}

function numbers(args: Value[]): number[] | undefined {
  const list = args.length === 1 ? iterate(args[0]!) : args;
  return list && list.every((v) => typeof v === 'number') ? (list as number[]) : undefined;
}

export function callBuiltin(name: string, call: Call): Value {
  const args = call.positional.map((a) => a.value);
  if (call.opaque) return UNKNOWN;
  const first = args[0];
  switch (name) {
    case 'range': return range(args);
    case 'len': {
      const items = first === undefined ? undefined : iterate(first);
      return items ? items.length : UNKNOWN;
    }
    case 'enumerate': {
      const items = first === undefined ? undefined : iterate(first);
      const start = call.keywords.get('start')?.value ?? args[1] ?? 0;
      return items && typeof start === 'number' ? items.map((v, i) => [start + i, v]) : UNKNOWN;
    }
    case 'zip': {
      const lists = args.map(iterate);
      if (lists.some((l) => l === undefined) || lists.length === 0) return UNKNOWN;
      const n = Math.min(...lists.map((l) => l!.length));
      return Array.from({ length: n }, (_, i) => lists.map((l) => l![i]!));
    }
    case 'list':
    case 'tuple':
    case 'sorted': {
      if (first === undefined) return [];
      const items = iterate(first);
      if (!items) return UNKNOWN;
      return name === 'sorted' && ints(items) ? [...items].sort((a, b) => a - b) : [...items];
    }
    case 'reversed': {
      const items = first === undefined ? undefined : iterate(first);
      return items ? [...items].reverse() : UNKNOWN;
    }
    case 'int': {
      if (typeof first === 'number') return Math.trunc(first);
      if (typeof first === 'boolean') return first ? 1 : 0;
      if (typeof first === 'string' && /^\s*[-+]?\d+\s*$/.test(first)) return Number.parseInt(first, 10);
      return UNKNOWN;
    }
    case 'float': return typeof first === 'number' ? first : typeof first === 'string' && Number.isFinite(Number(first)) ? Number(first) : UNKNOWN;
    case 'bool': return typeof first === 'boolean' ? first : typeof first === 'number' ? first !== 0 : UNKNOWN;
    case 'abs': return typeof first === 'number' ? Math.abs(first) : UNKNOWN;
    case 'round': return typeof first === 'number' && args.length === 1 ? Math.round(first) : UNKNOWN;
    case 'min':
    case 'max': {
      const ns = numbers(args);
      return ns && ns.length > 0 ? (name === 'min' ? Math.min(...ns) : Math.max(...ns)) : UNKNOWN;
    }
    case 'sum': {
      const ns = first === undefined ? undefined : numbers([first]);
      return ns ? ns.reduce((a, b) => a + b, 0) : UNKNOWN;
    }
    case 'dict': return { kind: 'dict', entries: [...call.keywords].map(([k, a]) => [k, a.value]) };
    case 'OrderedDict': {
      if (first !== undefined && isRef(first) && first.kind === 'dict') return { kind: 'dict', entries: [...first.entries] };
      const items = first === undefined ? [] : iterate(first);
      if (!items) return UNKNOWN;
      const entries: [Value, Value][] = [];
      for (const item of items) {
        if (!Array.isArray(item) || item.length !== 2) return UNKNOWN;
        entries.push([item[0]!, item[1]!]);
      }
      return { kind: 'dict', entries };
    }
    default: return UNKNOWN;
  }
}
