/**
 * Where paths meet: a residual add (`out += self.shortcut(x)`, layers.add), a concatenation
 * (torch.cat, layers.Concatenate: Inception, DenseNet, U-Net skips) and the other
 * element-wise merges. No weights.
 *
 * Shapes: element-wise merges broadcast as both frameworks do (each axis equal, or 1);
 * concatenation needs every axis but its own equal and adds up that one. A mismatch is an
 * error only when every input's shape is known: then the framework refuses it too.
 *
 * Receptive field: a unit after the merge sees what any of its inputs saw, so its field is
 * the smallest box holding all of theirs (the field of the longest path, usually). Fields
 * on different grids (different jumps) have no common unit layout: unknown.
 */
import type { MergeSpec } from '../model/ir';
import { NO_PARAMS, UNKNOWN, type Flow, type LayerContext, type LayerResult } from './flow';
import { displayShape } from './names';
import type { AxisReceptiveField, ReceptiveField } from './types';

const unknown: LayerResult = { out: UNKNOWN, params: NO_PARAMS, macs: null, outputSizeFormula: null, window: null, dropout: null };

function unionAxis(axes: readonly AxisReceptiveField[]): AxisReceptiveField | null {
  const jump = axes[0]!.jump;
  if (axes.some((a) => a.jump !== jump)) return null;
  const lo = Math.min(...axes.map((a) => a.start - (a.size - 1) / 2));
  const hi = Math.max(...axes.map((a) => a.start + (a.size - 1) / 2));
  return { size: hi - lo + 1, jump, start: (lo + hi) / 2 };
}

export function mergeFields(fields: readonly (ReceptiveField | null)[]): ReceptiveField | null {
  if (fields.some((f) => f === null)) return null;
  const fs = fields as readonly ReceptiveField[];
  const rows = unionAxis(fs.map((f) => f.rows));
  const cols = unionAxis(fs.map((f) => f.cols));
  return rows && cols ? { rows, cols, global: fs.some((f) => f.global) } : null;
}

function broadcast(shapes: readonly (readonly number[])[]): number[] | null {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    // Align from the last axis, as NumPy-style broadcasting does.
    const dims = shapes.map((s) => s[s.length - rank + i] ?? 1);
    const big = Math.max(...dims);
    if (dims.some((d) => d !== 1 && d !== big)) return null;
    out.push(big);
  }
  return out;
}

function concatenate(shapes: readonly (readonly number[])[], axis: number): number[] | null {
  const rank = shapes[0]!.length;
  if (axis < 0 || axis >= rank || shapes.some((s) => s.length !== rank)) return null;
  for (let i = 0; i < rank; i++) {
    if (i !== axis && shapes.some((s) => s[i] !== shapes[0]![i])) return null;
  }
  const out = [...shapes[0]!];
  out[axis] = shapes.reduce((sum, s) => sum + s[axis]!, 0);
  return out;
}

export function merge(spec: MergeSpec, inputs: readonly Flow[], ctx: LayerContext): LayerResult {
  if (inputs.some((f) => f.shape === null)) return unknown;
  const shapes = inputs.map((f) => f.shape!);
  const listed = shapes.map((s) => displayShape(s, ctx.source)).join(' and ');
  const concat = spec.op === 'concatenate';
  const shape = concat ? concatenate(shapes, spec.axis ?? 0) : broadcast(shapes);
  if (shape === null) {
    const why = concat ? 'every axis except the one joined must agree' : 'element-wise merges need equal shapes (or axes of size 1)';
    ctx.report('error', 'mergeMismatch', `${ctx.type} cannot merge ${listed}: ${why}.`);
    return unknown;
  }
  const rf = mergeFields(inputs.map((f) => f.rf));
  const formula = concat ? `${shapes.map((s) => s[spec.axis ?? 0]).join(' + ')} = ${shape[spec.axis ?? 0]} ${(spec.axis ?? 0) === 0 ? 'channels' : 'along the axis'}` : null;
  const out: Flow = { shape, rf, flattenedFrom: null, pristine: inputs.every((f) => f.pristine) };
  return { out, params: NO_PARAMS, macs: 0, outputSizeFormula: formula, window: null, dropout: null };
}
