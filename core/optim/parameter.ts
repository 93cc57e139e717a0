/**
 * A trainable parameter as the layers expose it: its values, the gradient of the loss
 * with respect to them (same length, filled by backward), and a name for views and logs
 * ("conv1/kernel"). Optimisers update `value` in place from `grad`.
 */
export interface Parameter {
  readonly value: Float32Array;
  readonly grad: Float32Array;
  readonly name: string;
}

/** Throws when a parameter's gradient does not match its values: a wiring mistake. */
export function checkParameters(params: readonly Parameter[]): void {
  for (const p of params) {
    if (p.value.length !== p.grad.length) {
      throw new RangeError(`parameter ${p.name}: ${p.value.length} values but ${p.grad.length} gradients`);
    }
  }
}

export function zeroGradients(params: readonly Parameter[]): void {
  for (const p of params) p.grad.fill(0);
}
