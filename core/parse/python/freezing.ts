/**
 * Frozen layers: what the learner's code excludes from training, so that trainable and
 * non-trainable counts are the framework's. Keras: `layer.trainable = False`,
 * `base_model.trainable = False` (a whole model). PyTorch: `p.requires_grad = False` over
 * `model.parameters()` (or `named_parameters()`, or a submodule's), `model.requires_grad_(False)`.
 * The last assignment wins, as in Python (`model.fc.parameters()` unfrozen after freezing all).
 */
import type { LayerIR } from '../../model/ir';
import { followGraph } from './tensorGraph';
import { isRef, type LayerValue, type Value } from './values';

/** The layer objects a module, model, list or dict holds, however deep. */
export function layersIn(v: Value, sourceOf: WeakMap<LayerIR, LayerValue>, depth = 0, out = new Set<LayerValue>()): Set<LayerValue> {
  if (depth > 24) return out;
  if (Array.isArray(v)) {
    for (const x of v) layersIn(x, sourceOf, depth + 1, out);
    return out;
  }
  if (!isRef(v)) return out;
  switch (v.kind) {
    case 'layer': out.add(v); break;
    case 'sequential': for (const item of v.items) layersIn(item.value, sourceOf, depth + 1, out); break;
    case 'instance': for (const x of v.attrs.values()) layersIn(x, sourceOf, depth + 1, out); break;
    case 'dict': for (const [, x] of v.entries) layersIn(x, sourceOf, depth + 1, out); break;
    case 'params': layersIn(v.of, sourceOf, depth + 1, out); break;
    case 'functional':
      for (const ir of followGraph(v.outputs).layers) {
        const layer = sourceOf.get(ir);
        if (layer) out.add(layer);
      }
      break;
    default: break;
  }
  return out;
}

/** Sets every layer of `v` frozen (trainable false) or not. */
export function setTrainable(v: Value, trainable: boolean, frozen: Map<LayerValue, boolean>, sourceOf: WeakMap<LayerIR, LayerValue>): void {
  for (const layer of layersIn(v, sourceOf)) frozen.set(layer, !trainable);
}
