/**
 * What the model-file parsers return: the models a file defines, in the order they appear,
 * and what ConvLab could not follow, each with the exact range the editor underlines.
 * Parsers never throw: every problem, from a Python syntax error to a layer ConvLab does
 * not model, becomes a diagnostic and the rest of the file is still read.
 */
import type { InputShapeSource, ModelIR, SourceRange } from '../model/ir';

export type { InputShapeSource } from '../model/ir';

export type ParseSeverity = 'error' | 'warning' | 'information';

export type ParseDiagnosticCode =
  /** A call or statement ConvLab can't follow yet ("ConvLab can't follow this call yet: …"). */
  | 'unsupported'
  /** A value that is not a constant ConvLab can work out (a function argument, data). */
  | 'unresolved'
  /** A layer class ConvLab doesn't model: left out of the model. */
  | 'unknownLayer'
  /** A loop whose passes ConvLab can't count, or a loop that rebuilds a whole model. */
  | 'loop'
  /** The input shape: not written, not a constant, or a malformed `# convlab: input` comment. */
  | 'input'
  /** An argument of a type the framework rejects (a string for filters, a triple for a 2-D size). */
  | 'invalidArgument'
  /** Code that runs but rarely does what was meant (F.dropout without training=self.training). */
  | 'pitfall'
  /** A Python or JSON syntax error. */
  | 'syntax'
  /** A .convlab.json value that breaks the format (unknown layer type, wrong value type). */
  | 'schema'
  /** ConvLab stopped unrolling: the file runs more statements than it follows. */
  | 'limit';

export interface ParseDiagnostic {
  readonly range: SourceRange;
  readonly severity: ParseSeverity;
  readonly message: string;
  readonly code: ParseDiagnosticCode;
}

export interface ParseResult {
  /** Every model the file defines, in source order, each with its range. */
  readonly models: readonly ModelIR[];
  readonly diagnostics: readonly ParseDiagnostic[];
  /**
   * Where the first model's input shape came from (each model also carries its own in
   * ModelIR.inputShapeSource); absent when the file defines no model. 'unknown' means the
   * model's inputShape is [] (analysis then reports an unknown input).
   */
  readonly inputShapeSource?: InputShapeSource;
}

export interface ParseOptions {
  /**
   * The input shape to use when the code states none (PyTorch never does), in the core's
   * order: [channels, height, width] for images, [features] for vectors — PyTorch's own
   * order, so a setting of 1×28×28 means one channel of 28×28.
   */
  readonly defaultInputShape?: readonly number[];
  /** How long reading one file may take (ms) before the reader stops and says where; 2000 when absent. */
  readonly timeBudgetMs?: number;
}

export const EMPTY_RESULT: ParseResult = { models: [], diagnostics: [] };
