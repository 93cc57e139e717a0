/**
 * PyTorch's containers and module naming: nn.Sequential (positional or OrderedDict),
 * nn.ModuleList, and the dotted names PyTorch gives submodules ('features.0', 'block1.conv'),
 * which ConvLab uses as the layers' names.
 */
import type { Call, CallArg, Host } from '../python/context';
import { isRef, UNKNOWN, type SequentialItem, type SequentialValue, type Value } from '../python/values';
import { callTorchFunction } from './functional';
import { torchModule } from './modules';

/** Names a module and everything inside it as PyTorch's named_modules() would. */
export function nameModule(v: Value, name: string, depth = 0): void {
  if (depth > 8) return;
  const join = (key: string | number): string => (name ? `${name}.${key}` : String(key));
  if (Array.isArray(v)) {
    v.forEach((item, i) => nameModule(item, join(i), depth + 1));
    return;
  }
  if (!isRef(v)) return;
  if (v.kind === 'layer') {
    v.name = name;
    v.named = true;
  } else if (v.kind === 'sequential' && v.framework === 'pytorch') {
    v.name = name;
    v.named = true;
    v.items.forEach((item, i) => nameModule(item.value, join(v.keys?.[i] ?? i), depth + 1));
  } else if (v.kind === 'dict') {
    for (const [key, value] of v.entries) if (typeof key === 'string' || typeof key === 'number') nameModule(value, join(key), depth + 1);
  } else if (v.kind === 'instance') {
    for (const [attr, value] of v.attrs) nameModule(value, join(attr), depth + 1);
  }
}

function sequential(call: Call, host: Host): SequentialValue {
  const items: SequentialItem[] = [];
  let keys: string[] | undefined;
  const only = call.positional.length === 1 ? call.positional[0]!.value : undefined;
  if (only !== undefined && isRef(only) && only.kind === 'dict') {
    // nn.Sequential(OrderedDict([('conv1', nn.Conv2d(...)), ...])): the keys name the layers.
    const arg: CallArg = call.positional[0]!;
    keys = [];
    for (const [key, value] of only.entries) {
      keys.push(typeof key === 'string' ? key : String(keys.length));
      const at = isRef(value) && 'from' in value && typeof value.from === 'number' ? value as { from: number; to: number } : arg;
      items.push({ value, from: at.from, to: at.to });
    }
  } else {
    for (const arg of call.positional) items.push({ value: arg.value, from: arg.valueFrom, to: arg.valueTo });
  }
  for (const item of items) if (isRef(item.value) && item.value.kind === 'sequential') item.value.nested = true;
  const seq: SequentialValue = { kind: 'sequential', framework: 'pytorch', items, ...(keys ? { keys } : {}), input: null, name: '', named: false, from: call.from, to: call.to };
  nameModule(seq, '');
  seq.named = false;
  // Inside a module class, an nn.Sequential is a part of that model, not a model of its own.
  if (!host.insideClass) host.registerModel(seq);
  return seq;
}

/** Calls that wrap a model for devices or speed and change none of its layers. */
const WRAPPERS: ReadonlySet<string> = new Set([
  'torch.nn.DataParallel', 'torch.nn.parallel.DataParallel', 'torch.nn.parallel.DistributedDataParallel', 'torch.compile', 'torch.jit.script',
]);

/** A call by canonical path under `torch.`; undefined when ConvLab doesn't know it. */
export function callTorch(path: string, call: Call, host: Host): Value | undefined {
  if (path === 'torch.nn.Sequential') return sequential(call, host);
  if (path === 'torch.nn.ModuleList') {
    const list = call.positional[0]?.value;
    return Array.isArray(list) ? [...list] : [];
  }
  if (path === 'torch.nn.ModuleDict') {
    // A dict of modules, by key: self.blocks['down1'], for name, block in self.blocks.items().
    const arg = call.positional[0]?.value;
    if (arg !== undefined && isRef(arg) && arg.kind === 'dict') return { kind: 'dict', entries: arg.entries.map(([k, v]) => [k, v]) };
    if (Array.isArray(arg)) return { kind: 'dict', entries: arg.filter((p): p is Value[] => Array.isArray(p) && p.length === 2).map((p) => [p[0]!, p[1]!]) };
    return { kind: 'dict', entries: [] };
  }
  if (WRAPPERS.has(path)) {
    // nn.DataParallel(model), torch.compile(model): the same model to count and draw.
    return call.positional[0]?.value ?? call.keywords.get('module')?.value ?? call.keywords.get('model')?.value ?? UNKNOWN;
  }
  if (path === 'torch.nn.Parameter') {
    // Learned weights outside any layer (a class token, a position embedding): not counted.
    host.report(call.from, call.to, 'information', 'unsupported', `ConvLab doesn't count weights made with nn.Parameter yet: the model has more parameters than it shows.`);
    return UNKNOWN;
  }
  if (/^torch\.nn\.[A-Z]\w*$/.test(path) && path !== 'torch.nn.Module') {
    return torchModule(path.slice('torch.nn.'.length), call, host);
  }
  return callTorchFunction(path, call, host);
}

export function isTorchConstructor(path: string): boolean {
  return /^torch\.nn\.[A-Z]\w*$/.test(path);
}
