/**
 * The learner's way out to the frameworks: a model IR written as Keras or PyTorch code
 * that ConvLab's own reader parses back to the same model (canonical.ts says what "the
 * same" means; the notes of each result say where a framework cannot follow exactly).
 */
export { canonicalLayers, compareModels, type CanonicalLayer } from './canonical';
export { UnsupportedCodegen, type CodeLanguage, type GeneratedCode } from './common';
export { kerasShapeOf, toKeras } from './keras';
export { toPyTorch, type PyTorchStyle } from './pytorch';
