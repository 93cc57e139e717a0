/** Dropout analysis: mask counts, the exact expectation, Monte-Carlo masks and weight scaling. */
export * from './conventions';
export * from './exact';
export * from './maskCount';
export * from './monteCarlo';
export * from './plainMlp';
export * from './singleNeuron';
export * from './weightScaling';
