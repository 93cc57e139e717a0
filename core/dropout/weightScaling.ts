/**
 * The weight-scaling rule: one forward pass with every unit multiplied by its expected
 * training multiplier (p for standard dropout, 1 for inverted), instead of averaging the
 * ensemble. For a network that is linear in the dropped units it equals the exact
 * expectation (the lecture's single neuron: E[a] = p(w1x1 + w2x2)); after a nonlinearity
 * (ReLU, softmax) it is only an approximation, and compareEstimates shows the gap.
 */
import { checkSite, testMultiplier, type DropoutSite } from './conventions';
import { canEnumerate, exactExpectation, type ExactExpectation, type MaskedForward } from './exact';
import { monteCarloExpectation, type MonteCarloOptions, type MonteCarloResult } from './monteCarlo';

export function weightScaling<I>(forward: MaskedForward<I>, input: I, site: DropoutSite): Float64Array {
  checkSite(site);
  const mask = new Float64Array(site.units).fill(testMultiplier(site.convention, site.keepProb));
  return Float64Array.from(forward(input, mask));
}

/** estimate − reference per output, and the largest absolute difference. */
export interface Gap {
  readonly difference: Float64Array;
  readonly maxAbs: number;
}

export function gap(estimate: ArrayLike<number>, reference: ArrayLike<number>): Gap {
  if (estimate.length !== reference.length) throw new RangeError(`cannot compare ${estimate.length} outputs with ${reference.length}`);
  const difference = Float64Array.from({ length: estimate.length }, (_, j) => estimate[j]! - reference[j]!);
  let maxAbs = 0;
  for (const d of difference) maxAbs = Math.max(maxAbs, Math.abs(d));
  return { difference, maxAbs };
}

export interface DropoutEstimates {
  /** Null when the site has too many units to enumerate (see MAX_EXACT_UNITS). */
  readonly exact: ExactExpectation | null;
  readonly monteCarlo: MonteCarloResult;
  readonly weightScaling: Float64Array;
  readonly gaps: {
    readonly monteCarloVsExact: Gap | null;
    readonly weightScalingVsExact: Gap | null;
    readonly monteCarloVsWeightScaling: Gap;
  };
}

/** The three estimates of the ensemble's prediction side by side, for the mask-ensemble view. */
export function compareEstimates<I>(forward: MaskedForward<I>, input: I, site: DropoutSite, options: MonteCarloOptions): DropoutEstimates {
  const exact = canEnumerate(site.units) ? exactExpectation(forward, input, site) : null;
  const monteCarlo = monteCarloExpectation(forward, input, site, options);
  const scaled = weightScaling(forward, input, site);
  return {
    exact,
    monteCarlo,
    weightScaling: scaled,
    gaps: {
      monteCarloVsExact: exact && gap(monteCarlo.mean, exact.mean),
      weightScalingVsExact: exact && gap(scaled, exact.mean),
      monteCarloVsWeightScaling: gap(monteCarlo.mean, scaled),
    },
  };
}
