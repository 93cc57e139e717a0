/** Optimisers over a flat list of parameters, computed as Keras 3 computes them. */
export { Adam, type AdamOptions } from './adam';
export { createOptimizer, type Optimizer, type OptimizerConfig } from './optimizer';
export { checkParameters, zeroGradients, type Parameter } from './parameter';
export { SGD, type SgdOptions } from './sgd';
