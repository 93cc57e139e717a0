/**
 * Networks for the lab's views: built from the IR and a seed (the initial weights, exactly
 * those training starts from), then, when the learner has trained the model, overwritten
 * with the trained weights the host kept. Weights travel as flat Float32Arrays named by
 * layer and parameter, the shape the train job replies with.
 */
import type { ModelIR } from '../model/ir';
import { Network } from '../network';
import { sameShape } from '../tensor';

export interface TrainedWeight {
  readonly layer: string;
  readonly param: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export interface WeightsRequest {
  readonly model: ModelIR;
  /** The seed of the initial weights (the convlab.seed setting). */
  readonly seed: number;
  /** Trained weights to load over the initial ones; entries that no longer fit the model are skipped. */
  readonly weights?: readonly TrainedWeight[];
}

/** Copies every weight of the network out, in layer order. */
export function weightsOf(net: Network): TrainedWeight[] {
  return net.layers.flatMap((layer) =>
    layer.params().map((p) => ({ layer: layer.name, param: p.name, shape: [...p.shape], values: p.value.slice() })),
  );
}

/**
 * Loads the weights whose layer, parameter and shape still match; returns how many did.
 * An edited model keeps the trained weights of the layers the edit did not touch.
 */
export function loadWeights(net: Network, weights: readonly TrainedWeight[]): number {
  let loaded = 0;
  for (const w of weights) {
    const layer = net.layers.find((l) => l.name === w.layer);
    const p = layer?.params().find((q) => q.name === w.param);
    if (!p || !sameShape(p.shape, w.shape) || p.value.length !== w.values.length) continue;
    p.value.set(w.values);
    loaded++;
  }
  return loaded;
}

/** A one-image network for the views, with the trained weights loaded when given. */
export function viewNetwork(request: WeightsRequest, batchSize = 1): Network {
  const net = Network.fromIR(request.model, { batchSize, seed: request.seed });
  if (request.weights) loadWeights(net, request.weights);
  return net;
}
