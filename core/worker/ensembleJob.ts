/**
 * The mask ensemble of one Dropout layer for one image: the network's prediction under N
 * sampled masks (seeded, so mask i replays), their running average, the weight-scaling
 * prediction and, for a layer of at most 20 units, the exact expectation over all 2^n masks
 * (core/dropout). The network below the dropout layer runs once; each mask multiplies its
 * output, and only the layers above run again.
 *
 * Both conventions describe the same trained network: a network trained with standard
 * dropout (kept ×1, test ×p) learns weights after the layer that are 1/p times those of
 * one trained with inverted dropout (kept ×1/p, test ×1). The forward folds that 1/p into
 * the standard convention's mask, so both give the same predictions per mask and the same
 * expectation: the lecture's point that inverted dropout only moves the scaling.
 */
import { isChain } from '../model/graph';
import { compareEstimates, type DropoutConvention, type DropoutSite } from '../dropout';
import type { DropoutLayer } from '../layers/dropout';
import { checkViewInput, viewImage, type ImageSource } from './viewInput';
import type { WorkerData } from './trainJob';
import { viewNetwork, type WeightsRequest } from './weights';

export interface EnsembleRequest extends WeightsRequest {
  readonly input: ImageSource;
  /** The dropout layer's index in the model. */
  readonly layer: number;
  readonly samples: number;
  /** Seeds the masks: mask i of a seed is always the same. */
  readonly maskSeed: number;
  readonly convention: DropoutConvention;
}

export interface EnsembleReply {
  readonly layer: string;
  readonly units: number;
  readonly keepProb: number;
  readonly convention: DropoutConvention;
  readonly samples: number;
  readonly maskSeed: number;
  readonly outputSize: number;
  readonly label: string | null;
  /** samples × outputSize: the prediction under each mask. */
  readonly outputs: Float64Array;
  /** samples × outputSize: row i is the mean of the first i + 1 predictions. */
  readonly runningMean: Float64Array;
  /** The first `maskRows` masks' kept flags, maskRows × units (for drawing; large layers are not all drawn). */
  readonly masks: Uint8Array;
  readonly maskRows: number;
  readonly mean: Float64Array;
  /** The spread of the predictions over the masks: MC dropout's uncertainty. */
  readonly std: Float64Array;
  readonly weightScaling: Float64Array;
  /** Null when 2^units masks are too many to enumerate. */
  readonly exact: { readonly mean: Float64Array; readonly std: Float64Array; readonly maskCount: number } | null;
  readonly gaps: { readonly monteCarloVsExact: number | null; readonly weightScalingVsExact: number | null; readonly monteCarloVsWeightScaling: number };
}

export const MAX_SAMPLES = 2000;
/** Masks drawn unit by unit in the view: enough rows to see that every mask differs. */
const MAX_MASK_ROWS = 64;

export function ensembleJob(request: EnsembleRequest, data: WorkerData): EnsembleReply {
  checkViewInput(request.model);
  // The masks are applied between the layers below the dropout and those above: one path.
  if (!isChain(request.model)) throw new RangeError('mask ensembles run on models without branches so far');
  const { samples } = request;
  if (!(Number.isInteger(samples) && samples >= 1 && samples <= MAX_SAMPLES)) throw new RangeError(`samples must be 1…${MAX_SAMPLES}, got ${samples}`);
  const net = viewNetwork(request);
  const d = request.layer;
  const dropout = net.layers[d];
  if (!dropout || dropout.kind !== 'dropout') throw new RangeError(`layer ${d} is not a Dropout layer`);
  const layer = dropout as DropoutLayer;
  const image = viewImage(request.input, data, request.model.inputShape);

  // Below the dropout layer: once.
  let h = image.pixels;
  for (let i = 0; i < d; i++) h = net.layers[i]!.forward(h, false);
  const below = h.slice();
  const masked = new Float32Array(below.length);
  const unitSize = layer.unitSize;
  const units = below.length / unitSize;
  const site: DropoutSite = { units, keepProb: layer.keepProb, convention: request.convention };
  // The standard network's next weights are 1/p times larger (see above): fold that in.
  const fold = request.convention === 'standard' ? 1 / layer.keepProb : 1;
  const above = net.layers.slice(d + 1);

  const forward = (_: null, mask: Float64Array): ArrayLike<number> => {
    for (let u = 0, i = 0; u < units; u++) {
      const m = mask[u]! * fold;
      for (const end = i + unitSize; i < end; i++) masked[i] = below[i]! * m;
    }
    let a: Float32Array = masked;
    for (const l of above) a = l.forward(a, false);
    return a;
  };
  const estimates = compareEstimates(forward, null, site, { samples, seed: request.maskSeed, keepOutputs: true, keepMasks: true });
  const mc = estimates.monteCarlo;
  const maskRows = Math.min(samples, MAX_MASK_ROWS);
  return {
    layer: layer.name,
    units,
    keepProb: layer.keepProb,
    convention: request.convention,
    samples,
    maskSeed: request.maskSeed,
    outputSize: mc.outputSize,
    label: image.label,
    outputs: mc.outputs!,
    runningMean: mc.runningMean,
    masks: mc.masks!.slice(0, maskRows * units),
    maskRows,
    mean: mc.mean,
    std: mc.std,
    weightScaling: estimates.weightScaling,
    exact: estimates.exact && { mean: estimates.exact.mean, std: estimates.exact.std, maskCount: estimates.exact.maskCount },
    gaps: {
      monteCarloVsExact: estimates.gaps.monteCarloVsExact?.maxAbs ?? null,
      weightScalingVsExact: estimates.gaps.weightScalingVsExact?.maxAbs ?? null,
      monteCarloVsWeightScaling: estimates.gaps.monteCarloVsWeightScaling.maxAbs,
    },
  };
}

