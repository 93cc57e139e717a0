/**
 * The lessons' computations: every number a lesson view shows, as plain data (no DOM, no
 * vscode), computed from the core's convolution, analysis, dropout and training code.
 * The views draw them; the worker runs them; the tests hold them to the lecture's numbers.
 */
export * from './catalog';
export * from './connectivity';
export * from './convArithmetic';
export * from './convByHandSetup';
export * from './depthExperiment';
export * from './dropoutSteps';
export * from './equivariance';
export * from './receptiveFields';
export * from './sobel';
export * from './variableSize';
export { compact, count, num } from './format';
