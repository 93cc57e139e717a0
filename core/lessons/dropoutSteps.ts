/**
 * Dropout, step by step, as the lecture teaches it. Here p is the lecture's p, the
 * probability of *keeping* a unit ("p = 0.5 # probability of keeping a unit active");
 * Keras' rate and PyTorch's p are the drop probability 1 − p.
 *
 * 1. One training pass of the lecture's 3-layer network with sampled masks:
 *      H1 = max(0, W1·X + b1);  U1 = rand < p;  H1 *= U1
 *      H2 = max(0, W2·H1 + b2); U2 = rand < p;  H2 *= U2
 *      out = W3·H2 + b3
 *    (inverted dropout divides the mask by p). Masks come from the seeded generator, one
 *    draw per unit, U1's units first, as the lecture's two np.random.rand calls draw them,
 *    so mask i of a seed can be replayed (core/dropout/monteCarlo's replayMask).
 * 2. The ensemble: each mask is one model sharing the weights; n units have 2^n masks,
 *    and "an FC layer with 4096 units has 2^4096 ∼ 10^1233 possible masks".
 * 3. Test time: one neuron a = w1x1 + w2x2 with both inputs dropped has
 *    E[a] = p(w1x1 + w2x2) over the four masks, so the test pass multiplies by p
 *    (standard dropout) — or training divides by p and the test pass is unchanged
 *    (inverted dropout). Both keep the test output equal to the training expectation
 *    for a network linear in the dropped units; after a ReLU it is an approximation, and
 *    the lesson shows how close.
 */
import {
  exactExpectation, exactMaskCount, keptMultiplier, maskCount, plainDenseForward, plainMlpForward, plainMlpSizes, replayMask,
  singleNeuronExpectation, testMultiplier, weightScaling, canEnumerate,
  type DropoutConvention, type MaskCount, type PlainMlp, type SingleNeuronExpectation,
} from '../dropout';
import { Random } from '../random';

/** The lecture's p: "probability of keeping a unit active". */
export const LECTURE_KEEP_PROB = 0.5;
/** "An FC layer with 4096 units …". */
export const LECTURE_FC_UNITS = 4096;
/** The input the lesson feeds the lecture's network unless the learner edits it. */
export const LECTURE_DROPOUT_INPUT: readonly number[] = [1, 0.5, -0.5, 2];

/** The lecture's code, line by line, for the views to show beside the numbers. */
export const LECTURE_DROPOUT_CODE: Readonly<Record<DropoutConvention, { readonly trainStep: readonly string[]; readonly predict: readonly string[] }>> = {
  standard: {
    trainStep: [
      'H1 = np.maximum(0, np.dot(W1, X) + b1)',
      'U1 = (np.random.rand(*H1.shape) < p) # first dropout mask',
      'H1 *= U1 # drop!',
      'H2 = np.maximum(0, np.dot(W2, H1) + b2)',
      'U2 = (np.random.rand(*H2.shape) < p) # second dropout mask',
      'H2 *= U2 # drop!',
      'out = np.dot(W3, H2) + b3',
    ],
    predict: [
      'H1 = np.maximum(0, np.dot(W1, X) + b1) * p # NOTE: scale the activations',
      'H2 = np.maximum(0, np.dot(W2, H1) + b2) * p # NOTE: scale the activations',
      'out = np.dot(W3, H2) + b3',
    ],
  },
  inverted: {
    trainStep: [
      'H1 = np.maximum(0, np.dot(W1, X) + b1)',
      'U1 = (np.random.rand(*H1.shape) < p) / p # first dropout mask. Notice /p!',
      'H1 *= U1 # drop!',
      'H2 = np.maximum(0, np.dot(W2, H1) + b2)',
      'U2 = (np.random.rand(*H2.shape) < p) / p # second dropout mask. Notice /p!',
      'H2 *= U2 # drop!',
      'out = np.dot(W3, H2) + b3',
    ],
    predict: [
      'H1 = np.maximum(0, np.dot(W1, X) + b1) # no scaling necessary',
      'H2 = np.maximum(0, np.dot(W2, H1) + b2)',
      'out = np.dot(W3, H2) + b3',
    ],
  },
};

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * The lecture's network X → H1 → H2 → out (ReLU, ReLU, linear) with dropout on H1 and H2.
 * Weights are drawn from the seed (He-normal scale for ReLU) and rounded to two decimals,
 * so that a learner can redo any sum by hand.
 */
export function lectureDropoutNet(seed = 0, sizes: readonly [number, number, number, number] = [4, 6, 6, 3]): PlainMlp {
  const rng = new Random(seed);
  const layer = (inputs: number, outputs: number, activation: 'relu' | 'linear'): PlainMlp['layers'][number] => ({
    weights: Array.from({ length: outputs }, () => Array.from({ length: inputs }, () => round2(rng.normal(0, Math.sqrt(2 / inputs))))),
    bias: Array.from({ length: outputs }, () => round2(rng.uniform(0, 0.2))),
    activation,
  });
  return {
    layers: [layer(sizes[0], sizes[1], 'relu'), layer(sizes[1], sizes[2], 'relu'), layer(sizes[2], sizes[3], 'linear')],
    dropoutOn: [1, 2],
  };
}

export interface MaskedActivation {
  /** "H1", "H2", … (activation k is the output of layer k; "X" for the input). */
  readonly name: string;
  /** "U1", "U2", … */
  readonly maskName: string;
  /** The activation before its mask: max(0, W·x + b). */
  readonly beforeMask: readonly number[];
  /** rand < p, per unit. */
  readonly kept: readonly (0 | 1)[];
  /** What the mask multiplies by: 1 / 0 (standard) or 1/p / 0 (inverted). */
  readonly multipliers: readonly number[];
  readonly afterMask: readonly number[];
}

export interface DropoutForwardPass {
  readonly keepProb: number;
  readonly convention: DropoutConvention;
  readonly seed: number;
  readonly maskIndex: number;
  readonly input: readonly number[];
  readonly masked: readonly MaskedActivation[];
  readonly output: readonly number[];
  /** Units the masks cover, and how many this mask keeps. */
  readonly units: number;
  readonly kept: number;
  /** p^kept·(1 − p)^(units − kept): this mask's probability, its weight in the ensemble. */
  readonly maskProbability: number;
}

function dense(layer: PlainMlp['layers'][number], x: readonly number[]): number[] {
  return layer.weights.map((row, o) => {
    let s = layer.bias?.[o] ?? 0;
    row.forEach((w, i) => (s += w * x[i]!));
    return layer.activation === 'relu' ? Math.max(0, s) : s;
  });
}

/**
 * One training pass with mask `maskIndex` of the seed's stream, written out activation by
 * activation. Only ReLU and linear layers, as in the lecture; the output equals
 * plainMlpForward's under the same mask (the tests hold it to that).
 */
export function dropoutForwardPass(
  mlp: PlainMlp,
  input: readonly number[],
  options: { readonly keepProb?: number; readonly seed?: number; readonly maskIndex?: number; readonly convention?: DropoutConvention } = {},
): DropoutForwardPass {
  const keepProb = options.keepProb ?? LECTURE_KEEP_PROB;
  const seed = options.seed ?? 0;
  const maskIndex = options.maskIndex ?? 0;
  const convention = options.convention ?? 'standard';
  const sizes = plainMlpSizes(mlp);
  if (input.length !== sizes[0]) throw new RangeError(`the network takes ${sizes[0]} inputs, got ${input.length}`);
  if (mlp.layers.some((l) => l.activation !== undefined && l.activation !== 'relu' && l.activation !== 'linear')) {
    throw new RangeError('the step-by-step pass shows ReLU and linear layers, as the lecture\'s network has');
  }
  const units = mlp.dropoutOn.reduce((n, k) => n + sizes[k]!, 0);
  const site = { units, keepProb, convention };
  const keptFlags = replayMask(site, seed, maskIndex);
  const on = keptMultiplier(convention, keepProb);
  const masked: MaskedActivation[] = [];
  let offset = 0;
  const applyMask = (k: number, a: number[]): number[] => {
    if (!mlp.dropoutOn.includes(k)) return a;
    const kept = Array.from(keptFlags.subarray(offset, offset + a.length), (f) => (f ? 1 : 0) as 0 | 1);
    offset += a.length;
    const multipliers = kept.map((f) => f * on);
    const afterMask = a.map((v, i) => v * multipliers[i]!);
    masked.push({ name: k === 0 ? 'X' : `H${k}`, maskName: `U${masked.length + 1}`, beforeMask: a, kept, multipliers, afterMask });
    return afterMask;
  };
  let a = applyMask(0, [...input]);
  mlp.layers.forEach((layer, l) => {
    a = applyMask(l + 1, dense(layer, a));
  });
  const kept = keptFlags.reduce((n, f) => n + f, 0);
  return {
    keepProb, convention, seed, maskIndex, input: [...input], masked, output: a, units, kept,
    maskProbability: keepProb ** kept * (1 - keepProb) ** (units - kept),
  };
}

export interface TestTimeConvention {
  readonly convention: DropoutConvention;
  /** A kept unit's multiplier in training: 1 (standard) or 1/p (inverted). */
  readonly keptMultiplier: number;
  /** Every unit's multiplier at test time: p (standard) or 1 (inverted). */
  readonly testMultiplier: number;
  /** The test pass (the lecture's predict): one forward with the test multipliers. */
  readonly testOutput: readonly number[];
  /** E over every mask of the training pass, when 2^units is small enough to enumerate. */
  readonly expectation: readonly number[] | null;
  /** max |testOutput − expectation|: 0 for a linear network, small after ReLUs. */
  readonly gap: number | null;
}

/** The lecture's predict() for both conventions, against the exact ensemble average. */
export function dropoutTestTime(mlp: PlainMlp, input: readonly number[], keepProb = LECTURE_KEEP_PROB): { readonly units: number; readonly standard: TestTimeConvention; readonly inverted: TestTimeConvention } {
  const sizes = plainMlpSizes(mlp);
  const units = mlp.dropoutOn.reduce((n, k) => n + sizes[k]!, 0);
  const forward = plainMlpForward(mlp);
  const of = (convention: DropoutConvention): TestTimeConvention => {
    const site = { units, keepProb, convention };
    const testOutput = Array.from(weightScaling(forward, input, site));
    const expectation = canEnumerate(units) ? Array.from(exactExpectation(forward, input, site).mean) : null;
    const gap = expectation && Math.max(...expectation.map((e, j) => Math.abs(e - testOutput[j]!)));
    return { convention, keptMultiplier: keptMultiplier(convention, keepProb), testMultiplier: testMultiplier(convention, keepProb), testOutput, expectation, gap };
  };
  return { units, standard: of('standard'), inverted: of('inverted') };
}

export interface EnsembleView {
  readonly units: number;
  readonly count: MaskCount;
  /** 2^units in full, when it has at most `exactDigits` digits. */
  readonly exact: string | null;
  /** Every mask as kept flags, when there are at most 2^listUpTo of them. */
  readonly masks: readonly (readonly (0 | 1)[])[] | null;
}

/** How many models n units of dropout train at once, and the masks themselves when few. */
export function dropoutEnsemble(units: number, options: { readonly listUpTo?: number; readonly exactDigits?: number } = {}): EnsembleView {
  const count = maskCount(units);
  const listUpTo = options.listUpTo ?? 4;
  const masks = units <= listUpTo
    ? Array.from({ length: 2 ** units }, (_, bits) => Array.from({ length: units }, (_, i) => ((bits >>> i) & 1) as 0 | 1))
    : null;
  return { units, count, exact: count.digits <= (options.exactDigits ?? 40) ? exactMaskCount(units).toString() : null, masks };
}

export interface SingleNeuronLesson {
  readonly keepProb: number;
  /** The lecture's four terms and their sum (core/dropout/singleNeuron). */
  readonly neuron: SingleNeuronExpectation;
  /** The same expectation by enumerating the masks of a real masked forward: must agree. */
  readonly enumerated: number;
  readonly standard: { readonly trainExpectation: number; readonly testOutput: number };
  readonly inverted: { readonly trainExpectation: number; readonly testOutput: number };
}

/** a = w1x1 + w2x2 with both inputs dropped: E[a] = p(w1x1 + w2x2), and both conventions. */
export function singleNeuronLesson(w1: number, x1: number, w2: number, x2: number, keepProb = LECTURE_KEEP_PROB): SingleNeuronLesson {
  const forward = plainDenseForward({ weights: [[w1, w2]] });
  const x = [x1, x2];
  const site = (convention: DropoutConvention): { units: number; keepProb: number; convention: DropoutConvention } => ({ units: 2, keepProb, convention });
  const both = (convention: DropoutConvention): { trainExpectation: number; testOutput: number } => ({
    trainExpectation: exactExpectation(forward, x, site(convention)).mean[0]!,
    testOutput: weightScaling(forward, x, site(convention))[0]!,
  });
  return {
    keepProb,
    neuron: singleNeuronExpectation(w1, x1, w2, x2, keepProb),
    enumerated: exactExpectation(forward, x, site('standard')).mean[0]!,
    standard: both('standard'),
    inverted: both('inverted'),
  };
}
