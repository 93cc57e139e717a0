/**
 * What passes from one layer's analysis to the next, what each layer reports back, and
 * the small checks every layer shares.
 *
 * The rule for errors: a layer reports what is wrong and still returns every number it can.
 * An output shape that can be computed is returned even when a setting is wrong (a
 * dropout rate of 1 does not change the shape; a wrong in_features does not change
 * nn.Linear's output), so one mistake does not hide the rest of the model. Only when the
 * output cannot be computed is it null, and the layers after it are then unknown too.
 */
import type { ModelSource } from '../model/ir';
import type { AxisWindow, DiagnosticCode, DropoutInfo, ParamCount, ReceptiveField, Severity } from './types';

export interface Flow {
  readonly shape: readonly number[] | null;
  readonly rf: ReceptiveField | null;
  /** The shape a vector was flattened from: for "1600 (64·5·5)" and a following Dense's field. */
  readonly flattenedFrom: readonly number[] | null;
  /** Nothing has mixed the input's units yet (only element-wise layers, Flatten, Reshape). */
  readonly pristine: boolean;
}

export const UNKNOWN: Flow = { shape: null, rf: null, flattenedFrom: null, pristine: false };

export interface LayerResult {
  readonly out: Flow;
  readonly params: ParamCount | null;
  readonly macs: number | null;
  readonly outputSizeFormula: string | null;
  readonly window: { readonly rows: AxisWindow; readonly cols: AxisWindow } | null;
  readonly dropout: DropoutInfo | null;
}

export interface LayerContext {
  readonly index: number;
  /** The layer's framework name, for messages: "nn.Linear", "Conv2D". */
  readonly type: string;
  readonly source: ModelSource | undefined;
  report(severity: Severity, code: DiagnosticCode, message: string): void;
}

export const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0, total: 0, formula: null };

export function trainableParams(total: number, formula: string): ParamCount {
  return { trainable: total, nonTrainable: 0, total, formula: `${formula} = ${total}` };
}

/** A layer that neither changes the shape nor has weights (activation, dropout). */
export function passThrough(input: Flow, extra: Partial<LayerResult> = {}): LayerResult {
  return { out: input, params: NO_PARAMS, macs: 0, outputSizeFormula: null, window: null, dropout: null, ...extra };
}

export function isPositiveInt(x: number): boolean {
  return Number.isInteger(x) && x > 0;
}

/**
 * Reports every setting that is not a positive integer, named as the framework names it
 * (filters, kernel_size, strides, …). Returns true when all are valid.
 */
export function checkPositiveInts(ctx: LayerContext, settings: Readonly<Record<string, number | readonly number[]>>): boolean {
  let ok = true;
  for (const [name, value] of Object.entries(settings)) {
    const values = typeof value === 'number' ? [value] : value;
    if (!values.every(isPositiveInt)) {
      ctx.report('error', 'invalidSetting', `${ctx.type}: ${name} must be a positive integer, got ${formatValue(value)}.`);
      ok = false;
    }
  }
  return ok;
}

export function formatValue(value: number | readonly number[]): string {
  return typeof value === 'number' ? String(value) : `(${value.join(', ')})`;
}
