/**
 * Feature maps: one image forward through the network in inference mode, and every layer's
 * output copied out (the buffers are transferred to the host, not copied again).
 */
import { weightsOf, viewNetwork, type WeightsRequest, type TrainedWeight } from './weights';
import { checkViewInput, viewImage, type ImageSource } from './viewInput';
import type { WorkerData } from './trainJob';

export interface FeatureMapsRequest extends WeightsRequest {
  readonly input: ImageSource;
}

export interface LayerOutput {
  readonly layer: string;
  /** Without the batch: [C, H, W] or [F]. */
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export interface FeatureMapsReply {
  readonly input: Float32Array;
  readonly label: string | null;
  readonly outputs: readonly LayerOutput[];
}

export function featureMapsJob(request: FeatureMapsRequest, data: WorkerData): FeatureMapsReply {
  checkViewInput(request.model);
  const image = viewImage(request.input, data, request.model.inputShape);
  const net = viewNetwork(request);
  net.forward(image.pixels, false);
  return {
    input: image.pixels,
    label: image.label,
    outputs: net.layers.map((l) => ({ layer: l.name, shape: [...l.outputShape], values: l.output.slice() })),
  };
}

/** The initial weights of a model for a seed (trained ones, when given, loaded over them). */
export function initialWeightsJob(request: WeightsRequest): { readonly weights: readonly TrainedWeight[] } {
  return { weights: weightsOf(viewNetwork(request)) };
}
