/**
 * Receptive fields, layer by layer, by the standard recurrence (see AxisReceptiveField):
 * each window layer grows the field by (k − 1)·d input steps of the current jump, and
 * multiplies the jump by its stride. The lecture's point ("units in deeper layers may
 * indirectly interact with a larger portion of the input") is this growth.
 *
 * Conventions: the input's field is one pixel (size 1, jump 1, start 0). Layers that do
 * not mix positions (activations, dropout, batch norm, Flatten, a Keras Dense on the
 * channel axis) keep the field. A layer that mixes every position (Dense after Flatten,
 * global pooling) covers the whole last map: it acts like one window as large as that map.
 */
import type { AxisReceptiveField, AxisWindow, ReceptiveField } from './types';

export const PIXEL: AxisReceptiveField = { size: 1, jump: 1, start: 0 };

/** The input's receptive field, or null for inputs without a spatial layout ([features]). */
export function inputReceptiveField(inputShape: readonly number[]): ReceptiveField | null {
  return inputShape.length === 2 || inputShape.length === 3 ? { rows: PIXEL, cols: PIXEL, global: false } : null;
}

/** One axis through one window: the recurrence itself. */
export function throughWindow(rf: AxisReceptiveField, w: Pick<AxisWindow, 'kernel' | 'stride' | 'dilation' | 'padBefore'>): AxisReceptiveField {
  const reach = (w.kernel - 1) * w.dilation; // the dilated kernel's extent − 1
  return {
    size: rf.size + reach * rf.jump,
    jump: rf.jump * w.stride,
    start: rf.start + (reach / 2 - w.padBefore) * rf.jump,
  };
}

export function throughWindows(rf: ReceptiveField, rows: AxisWindow, cols: AxisWindow): ReceptiveField {
  return { rows: throughWindow(rf.rows, rows), cols: throughWindow(rf.cols, cols), global: rf.global };
}

/**
 * A layer that sees every unit of an H×W map: a window of the map's size, stride 1, no
 * padding. Its field spans from the first unit's field to the last one's.
 */
export function throughWholeMap(rf: ReceptiveField, height: number, width: number): ReceptiveField {
  if (rf.global) return rf; // already sees everything; there is no map left to span
  const whole = (axis: AxisReceptiveField, n: number): AxisReceptiveField =>
    throughWindow(axis, { kernel: n, stride: 1, dilation: 1, padBefore: 0 });
  return { rows: whole(rf.rows, height), cols: whole(rf.cols, width), global: true };
}

/** Inclusive input pixel bounds of one unit's field; may reach outside the image (padding). */
export interface InputBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Where unit (row, col) of a layer looks in the input: for drawing the field back onto it. */
export function unitInputBox(rf: ReceptiveField, row: number, col: number): InputBox {
  const centreRow = rf.rows.start + row * rf.rows.jump;
  const centreCol = rf.cols.start + col * rf.cols.jump;
  const halfRows = (rf.rows.size - 1) / 2;
  const halfCols = (rf.cols.size - 1) / 2;
  return { top: centreRow - halfRows, left: centreCol - halfCols, bottom: centreRow + halfRows, right: centreCol + halfCols };
}
