/**
 * The graph column of the summary: each row's piece of the model's graph as a small SVG,
 * git-log style (core/model/lanes.ts lays it out). Lines use percentages of the row's
 * height, so rows that wrap to two lines still join up; a merge's dot is drawn hollow.
 */
import type { LaneRow } from '../core/model/lanes';

const SVG = 'http://www.w3.org/2000/svg';
export const LANE_WIDTH = 12;
const LANE = LANE_WIDTH;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

const x = (lane: number): number => lane * LANE + LANE / 2;

/** One row's lanes: lines through, lines in from the inputs, the layer's dot, the line on. */
export function laneCell(row: LaneRow, merge: boolean): SVGSVGElement {
  const root = svg('svg', { class: 'lanes', width: row.width * LANE, 'aria-hidden': 'true' });
  for (const l of row.through) root.append(svg('line', { class: 'lane-line', x1: x(l), y1: '0%', x2: x(l), y2: '100%' }));
  for (const l of new Set(row.from)) root.append(svg('line', { class: 'lane-line', x1: x(l), y1: '0%', x2: x(row.lane), y2: '50%' }));
  if (row.continues) root.append(svg('line', { class: 'lane-line', x1: x(row.lane), y1: '50%', x2: x(row.lane), y2: '100%' }));
  root.append(svg('circle', { class: merge ? 'lane-node merge' : 'lane-node', cx: x(row.lane), cy: '50%', r: merge ? 4 : 3.5 }));
  return root;
}
