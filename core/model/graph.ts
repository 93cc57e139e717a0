/**
 * Reading the model IR as a graph (see LayerIR.inputs): which nodes a node reads, which
 * nodes the model returns, and who reads a node. A chain is the one-path case, so every
 * helper here answers for chains without their needing `inputs` at all.
 */
import { INPUT_NODE, type LayerIR, type ModelIR } from './ir';

/** The nodes layer `index` reads: its `inputs`, or the previous node. */
export function inputsOf(model: ModelIR, index: number): readonly number[] {
  return model.layers[index]?.inputs ?? [index - 1];
}

/** The nodes the model returns. */
export function outputsOf(model: ModelIR): readonly number[] {
  return model.outputs ?? [model.layers.length - 1];
}

/** True when every layer reads the one before it and the last one is the only output. */
export function isChain(model: ModelIR): boolean {
  const out = outputsOf(model);
  if (out.length !== 1 || out[0] !== model.layers.length - 1) return false;
  return model.layers.every((l, i) => l.inputs === undefined || (l.inputs.length === 1 && l.inputs[0] === i - 1));
}

/** For each node, the nodes that read it (the model's input at key INPUT_NODE). */
export function consumersOf(model: ModelIR): Map<number, number[]> {
  const readers = new Map<number, number[]>();
  model.layers.forEach((_, i) => {
    for (const from of inputsOf(model, i)) {
      const list = readers.get(from);
      if (list) list.push(i);
      else readers.set(from, [i]);
    }
  });
  return readers;
}

/**
 * Problems with the graph itself (an input that is not an earlier node, a merge with one
 * input, a non-merge with several), or null when it is well-formed.
 */
export function graphError(model: ModelIR): string | null {
  for (let i = 0; i < model.layers.length; i++) {
    const layer: LayerIR = model.layers[i]!;
    const ins = inputsOf(model, i);
    for (const from of ins) {
      if (!Number.isInteger(from) || from < INPUT_NODE || from >= i) return `layer '${layer.name}' reads node ${from}, which is not an earlier layer or the input`;
    }
    if (layer.spec.kind === 'merge' ? ins.length < 2 : ins.length !== 1) {
      return layer.spec.kind === 'merge' ? `merge '${layer.name}' needs at least two inputs` : `layer '${layer.name}' must read exactly one input`;
    }
  }
  for (const o of outputsOf(model)) {
    if (!Number.isInteger(o) || o < INPUT_NODE || o >= model.layers.length) return `the model's output ${o} is not one of its layers`;
  }
  return null;
}
