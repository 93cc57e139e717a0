/**
 * The model zoo: prebuilt architectures the learner's code asks for by name —
 * `torchvision.models.resnet18(weights=...)`, `keras.applications.ResNet50(...)` — read
 * from Python sources ConvLab ships (torchvisionModels.ts, kerasApplications.ts) by the
 * same reader, in the learner's interpreter: what the call returns is an ordinary module
 * instance or functional model, so a replaced head or a frozen base is followed as written.
 * Every layer's range is the learner's call; the zoo code's own notes are not shown.
 */
import { parser } from '@lezer/python';
import type { Tree } from '@lezer/common';
import type { Call } from '../python/context';
import { Frame, type Interp } from '../python/state';
import { Scope, UNKNOWN, type Value, type ZooSource } from '../python/values';
import { KERAS_APPLICATIONS, KERAS_APPLICATIONS_SOURCE } from './kerasApplications';
import { TORCHVISION_BUILDERS, TORCHVISION_SOURCE } from './torchvisionModels';

const SOURCES: Readonly<Record<'torchvision' | 'keras', ZooSource>> = {
  torchvision: { name: 'torchvision.models', text: TORCHVISION_SOURCE },
  keras: { name: 'keras.applications', text: KERAS_APPLICATIONS_SOURCE },
};

const trees = new Map<ZooSource, Tree>();
const modules = new WeakMap<Interp, Map<ZooSource, Scope>>();

/** `torchvision.models.resnet.resnet18` → ['torchvision', 'resnet18']; undefined for other paths. */
export function zooEntry(path: string): { readonly source: ZooSource; readonly builder: string } | undefined {
  const name = path.split('.').pop()!;
  if (path.startsWith('torchvision.models.') && TORCHVISION_BUILDERS.includes(name)) return { source: SOURCES.torchvision, builder: name };
  if (path.startsWith('keras.applications.') && Object.hasOwn(KERAS_APPLICATIONS, name)) return { source: SOURCES.keras, builder: KERAS_APPLICATIONS[name]! };
  return undefined;
}

/** The zoo module run once per file read: its functions and classes, defined in its own scope. */
function moduleScope(source: ZooSource, site: { from: number; to: number }, it: Interp): Scope {
  let byInterp = modules.get(it);
  if (!byInterp) modules.set(it, (byInterp = new Map()));
  const known = byInterp.get(source);
  if (known) return known;
  let tree = trees.get(source);
  if (!tree) trees.set(source, (tree = parser.parse(source.text)));
  const scope = new Scope();
  it.inZoo(source, site, () => it.execBody(tree.topNode, scope, new Frame()));
  byInterp.set(source, scope);
  return scope;
}

/** A call of a zoo builder, or undefined when the path names none. */
export function callZoo(path: string, call: Call, it: Interp): Value | undefined {
  const entry = zooEntry(path);
  if (!entry) return undefined;
  const fn = moduleScope(entry.source, call, it).get(entry.builder);
  if (!fn || typeof fn !== 'object' || fn === null || Array.isArray(fn) || fn.kind !== 'function') return UNKNOWN;
  return it.callFunction(fn, call);
}
