/**
 * Models for the CLI's `<model>` argument. A built-in name gives a model defined here; a
 * path is a model file (Keras or PyTorch code, .convlab.json), which needs the model-file
 * parsers' entry point: until it exists, a path is refused with that reason.
 */
import type { ModelIR } from '../core/model/ir';
import { TEACHING_CNN } from './bench/system';

/** The teaching CNN of the benchmark, by name. */
export const BUILTIN_MODELS: Readonly<Record<string, ModelIR>> = { [TEACHING_CNN.name]: TEACHING_CNN };

export async function loadModel(ref: string): Promise<ModelIR> {
  const builtin = BUILTIN_MODELS[ref];
  if (builtin) return builtin;
  // TODO(model-file parsers): read the file with fs and hand its text to core/parse's entry
  // point, reporting its diagnostics; core/parse has no such entry yet.
  throw new Error(`'${ref}' is not a built-in model (${Object.keys(BUILTIN_MODELS).join(', ')}), and reading model files waits for core/parse's entry point`);
}
