/**
 * The lecture's worked expectation ("Dropout: Test time"): one neuron a = w1x1 + w2x2
 * whose two inputs are dropped, each kept with probability p:
 *   E[a] = p²(w1x1 + w2x2) + p(1 − p)(w1x1 + w2·0) + (1 − p)p(w1·0 + w2x2) + (1 − p)²(w1·0 + w2·0)
 *        = p(w1x1 + w2x2)
 * The four terms, one per mask, are what the lesson view lays out; the closed form is the
 * reason test time multiplies by p.
 */

export interface NeuronTerm {
  /** [x1 kept, x2 kept]. */
  readonly mask: readonly [0 | 1, 0 | 1];
  /** The mask's probability: p², p(1 − p), (1 − p)p or (1 − p)². */
  readonly probability: number;
  /** The neuron's output under the mask. */
  readonly activation: number;
  /** probability × activation: the term's share of E[a]. */
  readonly contribution: number;
  /** The term as the lecture writes it, e.g. "p(1 − p)(w1x1 + w2·0)". */
  readonly text: string;
}

export interface SingleNeuronExpectation {
  readonly terms: readonly [NeuronTerm, NeuronTerm, NeuronTerm, NeuronTerm];
  /** The sum of the four contributions. */
  readonly expectation: number;
  /** p(w1x1 + w2x2): the lecture's result, which the sum equals. */
  readonly closedForm: number;
}

export function singleNeuronExpectation(w1: number, x1: number, w2: number, x2: number, keepProb: number): SingleNeuronExpectation {
  const p = keepProb;
  const q = 1 - p;
  const term = (mask: readonly [0 | 1, 0 | 1], probability: number, text: string): NeuronTerm => {
    const activation = (mask[0] ? w1 * x1 : 0) + (mask[1] ? w2 * x2 : 0);
    return { mask, probability, activation, contribution: probability * activation, text };
  };
  const terms = [
    term([1, 1], p * p, 'p²(w1x1 + w2x2)'),
    term([1, 0], p * q, 'p(1 − p)(w1x1 + w2·0)'),
    term([0, 1], q * p, '(1 − p)p(w1·0 + w2x2)'),
    term([0, 0], q * q, '(1 − p)²(w1·0 + w2·0)'),
  ] as const;
  const expectation = terms.reduce((s, t) => s + t.contribution, 0);
  return { terms, expectation, closedForm: p * (w1 * x1 + w2 * x2) };
}
