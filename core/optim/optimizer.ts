/**
 * What the trainer needs of an optimiser, and a factory from the settings the panel and
 * the CLI send. Every optimiser allocates its state once, for the parameters it is given,
 * and allocates nothing per step.
 */
import { Adam, type AdamOptions } from './adam';
import type { Parameter } from './parameter';
import { SGD, type SgdOptions } from './sgd';

export interface Optimizer {
  readonly name: string;
  /** May be changed between steps (schedules, the panel's slider). */
  learningRate: number;
  /** Steps applied so far (Keras' optimizer.iterations). */
  readonly iterations: number;
  /** Updates every parameter's value from its gradient. */
  step(): void;
  /** Clears the state (momenta, moments, step count), as a fresh optimiser. */
  reset(): void;
}

export type OptimizerConfig = ({ readonly type: 'sgd' } & SgdOptions) | ({ readonly type: 'adam' } & AdamOptions);

export function createOptimizer(params: readonly Parameter[], config: OptimizerConfig): Optimizer {
  switch (config.type) {
    case 'sgd': return new SGD(params, config);
    case 'adam': return new Adam(params, config);
  }
}
