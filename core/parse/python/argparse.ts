/**
 * argparse, as training scripts size their models: `parser.add_argument('--num-classes',
 * type=int, default=10)` then `Net(num_classes=args.num_classes)`. ConvLab never sees the
 * command line, so each option is its default — what the script does when run plainly.
 */
import type { Call } from './context';
import { isRef, UNKNOWN, type ArgParserValue, type NamespaceValue, type Value } from './values';

export function argumentParser(): ArgParserValue {
  return { kind: 'argparser', defaults: new Map() };
}

/** The attribute an option is stored under: '--num-classes' → num_classes, or dest=. */
function destOf(call: Call): string | undefined {
  const dest = call.keywords.get('dest')?.value;
  if (typeof dest === 'string') return dest;
  const names = call.positional.map((a) => a.value).filter((v): v is string => typeof v === 'string');
  const long = names.find((n) => n.startsWith('--')) ?? names.find((n) => !n.startsWith('-')) ?? names[0];
  return long?.replace(/^-+/, '').replace(/-/g, '_');
}

export function argParserMethod(parser: ArgParserValue, method: string, call: Call): Value {
  switch (method) {
    case 'add_argument': {
      const dest = destOf(call);
      if (dest === undefined) return null;
      const action = call.keywords.get('action')?.value;
      const given = call.keywords.get('default')?.value;
      const v = given !== undefined ? given : action === 'store_true' ? false : action === 'store_false' ? true : null;
      parser.defaults.set(dest, v);
      return null;
    }
    case 'add_argument_group':
    case 'add_mutually_exclusive_group':
      return parser;
    case 'set_defaults':
      for (const [k, a] of call.keywords) parser.defaults.set(k, a.value);
      return null;
    case 'parse_args':
    case 'parse_known_args': {
      const ns: NamespaceValue = { kind: 'namespace', attrs: new Map(parser.defaults) };
      return method === 'parse_args' ? ns : [ns, []];
    }
    default:
      return UNKNOWN;
  }
}

export function namespaceAttr(ns: Value, name: string): Value {
  return isRef(ns) && ns.kind === 'namespace' ? (ns.attrs.has(name) ? ns.attrs.get(name)! : UNKNOWN) : UNKNOWN;
}
