/** Convolution by hand's data from the host, checked before the page draws it. */
import type { ConvAxisView, ConvByHandData, ConvOperationView, GridData } from '../protocol';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function isGrid(v: unknown): v is GridData {
  if (!isObject(v)) return false;
  const { rows, cols, data } = v;
  return isInt(rows) && isInt(cols) && rows >= 0 && cols >= 0 &&
    (ArrayBuffer.isView(data) || (Array.isArray(data) && data.every((x) => typeof x === 'number'))) &&
    (data as ArrayLike<unknown>).length === rows * cols;
}

const isAxis = (v: unknown): v is ConvAxisView =>
  isObject(v) && Array.isArray(v.steps) && v.steps.every((x) => typeof x === 'string') && typeof v.formula === 'string' &&
  [v.padBefore, v.padAfter, v.stride, v.dilation, v.extent, v.outSize, v.uncovered].every(isInt);

const isOperation = (v: unknown): v is ConvOperationView => isObject(v) && isGrid(v.slidKernel) && (v.output === null || isGrid(v.output));

export function isConvByHand(v: unknown): v is ConvByHandData {
  if (!isObject(v) || !(v.mode === 'crossCorrelation' || v.mode === 'convolution') || !isObject(v.settings)) return false;
  const size = v.outputSize;
  return isGrid(v.input) && isGrid(v.kernel) && isOperation(v.crossCorrelation) && isOperation(v.convolution) && isAxis(v.rows) && isAxis(v.cols) &&
    Array.isArray(size) && size.length === 2 && size.every(isInt) && (v.problem === null || typeof v.problem === 'string') &&
    (v.label === null || isInt(v.label)) && typeof v.kernelSymmetric === 'boolean' && typeof v.sameOutput === 'boolean';
}
