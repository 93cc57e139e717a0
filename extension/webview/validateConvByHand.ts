/**
 * Convolution by hand's messages from the page, checked field by field: the settings are
 * rebuilt from the checked fields only (nothing else of the page's object reaches the
 * worker), then held to the core's own bounds (settingsProblem).
 */
import { CONV_INPUT_KINDS, KERNEL_PRESETS, settingsProblem, type ConvByHandSettings, type ConvInputKind, type KernelPreset } from '../../core/lessons/convByHandSetup';
import type { ConvByHandShown } from '../../webview/protocol';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isPair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isInt);
const isStrings = (v: unknown, max: number, maxLength: number): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string' && x.length <= maxLength);
const isStringGrid = (v: unknown): v is string[][] => Array.isArray(v) && v.length <= 10_000 && v.every((row) => isStrings(row, 10_000, 64));

export function parseConvSettings(raw: unknown): ConvByHandSettings | undefined {
  if (!isObject(raw) || !isObject(raw.input) || !isObject(raw.kernel)) return undefined;
  const { input, kernel } = raw;
  if (!(typeof input.kind === 'string' && (CONV_INPUT_KINDS as readonly string[]).includes(input.kind))) return undefined;
  if (!(typeof kernel.preset === 'string' && (KERNEL_PRESETS as readonly string[]).includes(kernel.preset))) return undefined;
  if (![input.rows, input.cols, input.seed, input.index, kernel.rows, kernel.cols].every(isInt)) return undefined;
  if (!(Array.isArray(kernel.values) && kernel.values.length <= 32 * 32 && kernel.values.every((v) => typeof v === 'number'))) return undefined;
  if (!isPair(raw.strides) || !isPair(raw.dilation)) return undefined;
  if (!(raw.padding === 'valid' || raw.padding === 'same' || isPair(raw.padding))) return undefined;
  const settings: ConvByHandSettings = {
    input: { kind: input.kind as ConvInputKind, rows: input.rows as number, cols: input.cols as number, seed: input.seed as number, index: input.index as number },
    kernel: { preset: kernel.preset as KernelPreset, rows: kernel.rows as number, cols: kernel.cols as number, values: kernel.values as number[] },
    strides: [raw.strides[0], raw.strides[1]],
    padding: typeof raw.padding === 'string' ? raw.padding : [raw.padding[0], raw.padding[1]],
    dilation: [raw.dilation[0], raw.dilation[1]],
  };
  return settingsProblem(settings) === null ? settings : undefined;
}

export function parseConvShown(raw: unknown): ConvByHandShown | undefined {
  if (!isObject(raw) || !isObject(raw.outputs) || !isObject(raw.sums) || !isObject(raw.arithmetic)) return undefined;
  const { outputs, sums, arithmetic } = raw;
  if (!isStringGrid(outputs.crossCorrelation) || !isStringGrid(outputs.convolution)) return undefined;
  if (!(typeof sums.crossCorrelation === 'string' && typeof sums.convolution === 'string' && sums.crossCorrelation.length < 200_000 && sums.convolution.length < 200_000)) return undefined;
  if (!isStrings(arithmetic.rows, 20, 500) || !isStrings(arithmetic.cols, 20, 500)) return undefined;
  if (!(raw.cell === null || (isPair(raw.cell) && raw.cell.every((v) => v >= 0)))) return undefined;
  if (!(raw.drawing === 'grid' || raw.drawing === 'canvas')) return undefined;
  if (!(raw.problem === null || (typeof raw.problem === 'string' && raw.problem.length < 2000))) return undefined;
  return {
    outputs: { crossCorrelation: outputs.crossCorrelation, convolution: outputs.convolution },
    sums: { crossCorrelation: sums.crossCorrelation, convolution: sums.convolution },
    arithmetic: { rows: arithmetic.rows, cols: arithmetic.cols },
    cell: raw.cell === null ? null : [raw.cell[0], raw.cell[1]],
    drawing: raw.drawing,
    problem: raw.problem,
  };
}
