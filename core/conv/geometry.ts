/**
 * Output-size arithmetic of a convolution or pooling window along one axis, as every
 * framework computes it: out = floor((n + 2·pad − dilation·(k − 1) − 1) / stride) + 1.
 * dilation·(k − 1) + 1 is the kernel's effective extent; the floor drops a window that
 * would hang past the padded edge.
 */
export function convOutputSize(n: number, k: number, pad: number, stride: number, dilation: number): number {
  const extent = dilation * (k - 1) + 1;
  return Math.floor((n + 2 * pad - extent) / stride) + 1;
}

/** The window settings of one 2-D convolution, shared by all its axes here. */
export interface ConvWindow {
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
}

export const UNIT_WINDOW: ConvWindow = { stride: 1, padding: 0, dilation: 1 };
