/**
 * Python's string formatting as model code uses it for layer names and attribute lookups:
 * f"layer{i}", 'conv%d' % i, 'block_{}_'.format(block_id), str(i), '_'.join(parts). A
 * name matters beyond display when code looks a module up by it (getattr(self, f'layer{i}')).
 * Anything not a constant stays unknown.
 */
import { isRef, UNKNOWN, type Value } from './values';

/** str(v) for constants; undefined for what has no known text. */
export function pyStr(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return 'None';
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : Number.isFinite(v) ? (Number.isInteger(v) ? `${v}.0` : String(v)) : undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => (typeof x === 'string' ? `'${x}'` : pyStr(x)));
    return items.every((x) => x !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  return undefined;
}

/** One conversion of a format spec or %-directive: width, zero padding, d / s / f. */
function formatOne(v: Value, spec: string): string | undefined {
  const m = /^(0?)(\d*)(?:\.(\d+))?([dsifr]?)$/.exec(spec);
  if (!m) return undefined;
  const [, zero, width, precision, type] = m;
  let text: string | undefined;
  if (type === 'f' && typeof v === 'number') text = v.toFixed(precision ? Number(precision) : 6);
  else if ((type === 'd' || type === 'i') && typeof v === 'number') text = String(Math.trunc(v));
  else text = pyStr(v);
  if (text === undefined) return undefined;
  const w = width ? Number(width) : 0;
  return text.length >= w ? text : zero ? text.padStart(w, '0') : typeof v === 'number' ? text.padStart(w) : text.padEnd(w);
}

/** 'conv%d_%s' % (i, name) */
export function percentFormat(template: string, args: Value): Value {
  const values = Array.isArray(args) ? args : [args];
  let k = 0;
  let failed = false;
  const out = template.replace(/%(%|0?\d*(?:\.\d+)?[dsifr])/g, (_, d: string) => {
    if (d === '%') return '%';
    const text = formatOne(values[k++] ?? UNKNOWN, d === 'r' ? 's' : d);
    if (text === undefined) failed = true;
    return text ?? '';
  });
  return failed || k !== values.length ? UNKNOWN : out;
}

/** 'block_{}_'.format(i), '{0}x{0}'.format(k), '{name}_bn'.format(name=n) */
export function braceFormat(template: string, positional: readonly Value[], named: ReadonlyMap<string, Value>): Value {
  let next = 0;
  let failed = false;
  const out = template.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::([^{}]*))?\}/g, (whole, field: string | undefined, spec: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const key = field ?? '';
    const v = key === '' ? positional[next++] : /^\d+$/.test(key) ? positional[Number(key)] : named.get(key);
    const text = v === undefined ? undefined : formatOne(v, spec ?? '');
    if (text === undefined) failed = true;
    return text ?? '';
  });
  return failed ? UNKNOWN : out;
}

/** The string methods model code calls on names. */
export function stringMethod(s: string, method: string, positional: readonly Value[], named: ReadonlyMap<string, Value>): Value {
  const [a, b] = positional;
  switch (method) {
    case 'format': return braceFormat(s, positional, named);
    case 'join': return Array.isArray(a) && a.every((x) => typeof x === 'string') ? (a as string[]).join(s) : UNKNOWN;
    case 'lower': return s.toLowerCase();
    case 'upper': return s.toUpperCase();
    case 'strip': return s.trim();
    case 'replace': return typeof a === 'string' && typeof b === 'string' ? s.split(a).join(b) : UNKNOWN;
    case 'startswith': return typeof a === 'string' ? s.startsWith(a) : UNKNOWN;
    case 'endswith': return typeof a === 'string' ? s.endsWith(a) : UNKNOWN;
    case 'split': return typeof a === 'string' && a.length > 0 ? s.split(a) : a === undefined ? s.split(/\s+/).filter(Boolean) : UNKNOWN;
    default: return UNKNOWN;
  }
}

/** An f-string's text with each {expression[:spec]} replaced, given the evaluated pieces. */
export function fString(pieces: readonly ({ readonly text: string } | { readonly value: Value; readonly spec: string })[]): Value {
  let out = '';
  for (const p of pieces) {
    if ('text' in p) out += p.text;
    else {
      if (isRef(p.value) && p.value.kind !== 'path') return UNKNOWN;
      const t = formatOne(p.value, p.spec);
      if (t === undefined) return UNKNOWN;
      out += t;
    }
  }
  return out;
}
