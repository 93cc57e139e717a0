/** Model files to the model IR: Keras and PyTorch code, and ConvLab's own .convlab.json. */
export { modelFileType, parseModelFile, type ModelDocument, type ModelFileType } from './detect';
export { parseConvlabJson } from './json/parseConvlab';
export type * from './json/format';
export { parsePython } from './python/parsePython';
export { readInputComment } from './python/comments';
export type { InputShapeSource, ParseDiagnostic, ParseDiagnosticCode, ParseOptions, ParseResult, ParseSeverity } from './types';
