/**
 * A tensor's shape while the reader runs, for code that branches or sizes on it:
 * `if x.shape[-1] != filters:` (a projection shortcut only where the channels change),
 * `x.size(1)`, `K.int_shape(x)[1]`. The graph up to the tensor is analysed as a model of
 * its own, from the input shape the code gives (or the file's comment, or the setting).
 * Unknown stays unknown: the caller then says it can't tell, rather than guess.
 */
import { analyseModel } from '../../analysis/analyse';
import type { ModelIR } from '../../model/ir';
import { followGraph } from './tensorGraph';
import { UNKNOWN, type Framework, type TensorNode, type TensorValue, type Value } from './values';

/** Past this many layers a shape query is not worth its time: unknown. */
const MAX_LAYERS = 4000;

/**
 * Layers analysed for shape queries in one file, at most: a loop that asks x.shape on a
 * growing graph costs the square of its length, so a hostile file is cut off here.
 */
export const SHAPE_WORK_BUDGET = 150_000;

/** What shape queries have cost so far in one file, and what they found (a tensor's shape does not change). */
export interface ShapeBudget {
  spent: number;
  readonly known?: WeakMap<TensorNode, readonly number[] | null>;
}

/** The core's [C, H, W] (or [F]) of a tensor, or null when it can't be known. */
export function coreShape(t: TensorValue, assumed: Partial<Record<Framework, readonly number[]>>, budget: ShapeBudget = { spent: 0 }): readonly number[] | null {
  const framework = t.framework ?? 'pytorch';
  const cached = t.node ? budget.known?.get(t.node) : undefined;
  if (cached !== undefined) return cached;
  const shape = analysedShape(t, framework, assumed, budget);
  if (t.node && budget.spent <= SHAPE_WORK_BUDGET) budget.known?.set(t.node, shape);
  return shape;
}

function analysedShape(t: TensorValue, framework: Framework, assumed: Partial<Record<Framework, readonly number[]>>, budget: ShapeBudget): readonly number[] | null {
  if (budget.spent > SHAPE_WORK_BUDGET) return null;
  const g = followGraph([t]);
  budget.spent += g.layers.length + 1;
  const inputShape = (g.roots[0] ?? t).input?.shape ?? assumed[framework] ?? null;
  if (!inputShape || g.roots.length > 1 || g.layers.length > MAX_LAYERS || budget.spent > SHAPE_WORK_BUDGET) return null;
  if (g.layers.length === 0) return inputShape;
  const layers = g.layers.map((l, i) => (g.inputs[i] ? { ...l, inputs: g.inputs[i] } : l));
  const model: ModelIR = { name: 'shape', inputShape, layers, source: framework, ...(g.outputs ? { outputs: g.outputs } : {}) };
  return analyseModel(model).outputShapes[0] ?? null;
}

/** The shape as the framework's code sees it, batch first: Keras channels-last, PyTorch channels-first. */
export function frameworkShapeOrNull(t: TensorValue, assumed: Partial<Record<Framework, readonly number[]>>, batch: Value, budget?: ShapeBudget): Value[] | null {
  const core = coreShape(t, assumed, budget);
  if (!core) return null;
  const dims = t.framework === 'keras' && core.length === 3 ? [core[1]!, core[2]!, core[0]!] : [...core];
  return [batch, ...dims];
}

/** `x.shape`: the shape when known, else a batch of unknown rank (x.shape[0] still reads). */
export function frameworkShape(t: TensorValue, assumed: Partial<Record<Framework, readonly number[]>>, batch: Value, budget?: ShapeBudget): Value[] {
  return frameworkShapeOrNull(t, assumed, batch, budget) ?? [batch, UNKNOWN, UNKNOWN, UNKNOWN];
}
