/**
 * A model's graph laid out for a list, the way `git log --graph` draws history: one layer
 * per row in topological order, each in a lane (a column), with the lines between them.
 * A chain is one straight lane; a residual block opens a second lane for its shortcut and
 * joins it at the add; an Inception block fans out into four lanes and joins them at the
 * concatenation. Rows stay rows, so the layout reads at 100+ layers and the keyboard walks
 * it like a list.
 *
 * A lane is held by a tensor from the row that makes it to the last row that reads it;
 * a layer takes the leftmost lane one of its inputs frees (the line bends on), else the
 * leftmost free lane.
 */
import { INPUT_NODE } from './ir';

export interface LaneRow {
  /** The lane of this row's layer. */
  readonly lane: number;
  /** The lanes this row's inputs arrive from (the model's input included), one per input. */
  readonly from: readonly number[];
  /** Lanes that run straight through this row (tensors read further down, this row's inputs among them). */
  readonly through: readonly number[];
  /** Whether this row's output is read below (its lane continues down). */
  readonly continues: boolean;
  /** The number of lanes in use anywhere in the layout: the width to draw. */
  readonly width: number;
}

/** inputs[i]: the layers row i reads (INPUT_NODE for the model's input). */
export function layoutLanes(inputs: readonly (readonly number[])[]): LaneRow[] {
  const n = inputs.length;
  // The last row that reads each tensor (index n+1 shifts INPUT_NODE to 0).
  const lastReader = new Map<number, number>();
  inputs.forEach((ins, i) => ins.forEach((j) => lastReader.set(j, i)));
  const slots: (number | null)[] = [];
  const laneOf = new Map<number, number>();
  const take = (producer: number, preferred?: number): number => {
    let lane = preferred !== undefined && slots[preferred] === null ? preferred : slots.indexOf(null);
    if (lane < 0) lane = slots.push(null) - 1;
    slots[lane] = producer;
    laneOf.set(producer, lane);
    return lane;
  };
  if (lastReader.has(INPUT_NODE)) take(INPUT_NODE);
  const rows: Omit<LaneRow, 'width'>[] = [];
  for (let i = 0; i < n; i++) {
    const ins = inputs[i]!;
    const from = ins.map((j) => laneOf.get(j) ?? 0);
    // Tensors whose last reader is this row free their lanes here.
    const freed = ins.filter((j, k) => lastReader.get(j) === i && ins.indexOf(j) === k);
    const before = [...slots];
    for (const j of freed) {
      const lane = laneOf.get(j);
      if (lane !== undefined && slots[lane] === j) slots[lane] = null;
    }
    // The leftmost lane an input frees: after a block, the main line returns to the left.
    const freedLanes = freed.map((j) => laneOf.get(j)).filter((l): l is number => l !== undefined);
    const preferred = freedLanes.length > 0 ? Math.min(...freedLanes) : undefined;
    const continues = lastReader.has(i);
    let lane: number;
    if (continues) lane = take(i, preferred);
    else {
      lane = preferred ?? slots.indexOf(null);
      if (lane < 0) lane = slots.length;
      laneOf.set(i, lane);
    }
    // Held above and below by the same tensor: a line straight through (a shortcut passing a block).
    const through = before.map((p, l) => (p !== null && slots[l] === p ? l : -1)).filter((l) => l >= 0);
    rows.push({ lane, from, through, continues });
  }
  const width = Math.max(1, ...rows.map((r) => Math.max(r.lane, ...r.from, ...r.through) + 1));
  return rows.map((r) => ({ ...r, width }));
}
