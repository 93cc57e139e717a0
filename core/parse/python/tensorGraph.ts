/**
 * The model as the reader follows it: tensors are graph nodes, each a layer applied to
 * the tensors it reads. A chain is the one-path case; `x + shortcut(x)`, `torch.cat`,
 * `layers.Concatenate()` and a forward that returns two heads are the same structure.
 *
 * A model's layers are the nodes its outputs descend from, in the order they were made
 * (a topological order, since a node is made after its inputs), with each node's inputs
 * as indices into that list (LayerIR.inputs; absent where it reads the previous layer).
 * The walks are iterative: a 20,000-layer chain is no deeper on the stack than one layer.
 */
import { INPUT_NODE, type LayerIR } from '../../model/ir';
import type { Framework, InputInfo, TensorNode, TensorValue } from './values';

let made = 0;

/** A model input: the start of every path through the model. */
export function inputTensor(input: InputInfo | null, framework?: Framework): TensorValue {
  return { kind: 'tensor', node: null, input, ...(framework ? { framework } : {}) };
}

/** The tensor a layer makes from its inputs (one for most kinds, several for a merge). */
export function applyLayer(layer: LayerIR, inputs: readonly TensorValue[]): TensorValue {
  const framework = inputs.find((t) => t.framework)?.framework;
  return { kind: 'tensor', node: { layer, inputs, order: made++ }, input: inputs[0]?.input ?? null, ...(framework ? { framework } : {}) };
}

export function isModelInput(t: TensorValue): boolean {
  return t.node === null;
}

export interface FollowedGraph {
  /** The layers in topological order, as written (names not yet numbered). */
  readonly layers: readonly LayerIR[];
  /** Each layer's inputs, undefined where it reads the layer before it (the chain case). */
  readonly inputs: readonly (readonly number[] | undefined)[];
  /** The output layers' indices, undefined for the one-output case ending at the last layer. */
  readonly outputs: readonly number[] | undefined;
  /** The model inputs the paths start from (more than one: a multi-input model). */
  readonly roots: readonly TensorValue[];
}

/** Every node the outputs descend from. */
function ancestors(outputs: readonly TensorValue[]): { nodes: TensorNode[]; roots: TensorValue[] } {
  const seen = new Set<TensorNode>();
  const roots: TensorValue[] = [];
  const stack = [...outputs];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.node === null) {
      if (!roots.includes(t)) roots.push(t);
      continue;
    }
    if (seen.has(t.node)) continue;
    seen.add(t.node);
    stack.push(...t.node.inputs);
  }
  return { nodes: [...seen].sort((a, b) => a.order - b.order), roots };
}

export function followGraph(outputs: readonly TensorValue[]): FollowedGraph {
  const { nodes, roots } = ancestors(outputs);
  const index = new Map(nodes.map((n, i) => [n, i]));
  const at = (t: TensorValue): number => (t.node === null ? INPUT_NODE : index.get(t.node)!);
  const inputs = nodes.map((n, i) => {
    const ins = n.inputs.map(at);
    return ins.length === 1 && ins[0] === i - 1 ? undefined : ins;
  });
  const outs = outputs.filter((t) => t.node !== null).map(at);
  const plain = outs.length === 1 && outs[0] === nodes.length - 1;
  return { layers: nodes.map((n) => n.layer), inputs, outputs: plain || outs.length === 0 ? undefined : outs, roots };
}

/**
 * A functional model called on another tensor (`encoder(x)`, a Keras application used as
 * a base): its nodes again, from `replacement` instead of its own input.
 */
export function replay(outputs: readonly TensorValue[], replacement: TensorValue, appliedAt: (layer: LayerIR) => LayerIR): TensorValue[] {
  const { nodes } = ancestors(outputs);
  const copies = new Map<TensorNode, TensorValue>();
  const map = (t: TensorValue): TensorValue => (t.node === null ? replacement : copies.get(t.node)!);
  for (const n of nodes) copies.set(n, applyLayer(appliedAt(n.layer), n.inputs.map(map)));
  return outputs.map(map);
}
