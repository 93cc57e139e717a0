/**
 * Models for the CLI's `<model>` argument: a built-in name (the benchmark's teaching CNN), or
 * a model file — Keras or PyTorch code, or a .convlab.json — read with fs and parsed by the
 * same core/parse the extension uses. The parser's diagnostics come back with the model.
 */
import { readFileSync } from 'node:fs';
import type { ModelIR } from '../core/model/ir';
import { parseModelFile } from '../core/parse';
import type { ParseDiagnostic } from '../core/parse/types';
import { TEACHING_CNN } from './bench/system';

/** The teaching CNN of the benchmark, by name. */
export const BUILTIN_MODELS: Readonly<Record<string, ModelIR>> = { [TEACHING_CNN.name]: TEACHING_CNN };

export interface LoadedModel {
  readonly model: ModelIR;
  /** What the parser could not follow in the file (empty for a built-in model). */
  readonly parseDiagnostics: readonly ParseDiagnostic[];
  /** Every model name the file defines, for --model. */
  readonly available: readonly string[];
}

export interface LoadOptions {
  /** "1x28x28": the input shape for code that states none (PyTorch), channels first. */
  readonly input?: string;
  /** Which model of a file that defines several; default the first. */
  readonly modelName?: string;
}

export function parseShapeOption(text: string): number[] {
  const parts = text.split(/[x×,]/).map((p) => Number(p.trim()));
  if (parts.length === 0 || !parts.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`--input takes sizes like 1x28x28 (channels first), got '${text}'`);
  }
  return parts;
}

export async function loadModel(ref: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const builtin = BUILTIN_MODELS[ref];
  if (builtin) return { model: builtin, parseDiagnostics: [], available: [builtin.name] };
  let text: string;
  try {
    text = readFileSync(ref, 'utf8');
  } catch (error) {
    throw new Error(`'${ref}' is neither a built-in model (${Object.keys(BUILTIN_MODELS).join(', ')}) nor a readable file: ${(error as Error).message}`);
  }
  const parsed = parseModelFile(text, ref, options.input ? { defaultInputShape: parseShapeOption(options.input) } : {});
  const available = parsed.models.map((m) => m.name);
  const model = options.modelName ? parsed.models.find((m) => m.name === options.modelName) : parsed.models[0];
  if (!model) {
    const why = options.modelName ? `no model named '${options.modelName}' (it defines ${available.join(', ') || 'none'})` : 'no model ConvLab can read';
    const first = parsed.diagnostics[0];
    throw new Error(`${ref}: ${why}${first ? `; first problem: line ${first.range.startLine + 1}: ${first.message}` : ''}`);
  }
  return { model, parseDiagnostics: parsed.diagnostics, available };
}
