/**
 * The worked numbers of the lecture (shared/lecture), kept in one place so that the
 * views, the lessons and the tests all draw from the same source.
 */

/** The lecture's 5×5 input ("Convolution" slide), row-major. */
export const LECTURE_INPUT_5X5: readonly (readonly number[])[] = [
  [3, 3, 2, 1, 0],
  [0, 0, 1, 3, 1],
  [3, 1, 2, 2, 3],
  [2, 0, 0, 2, 2],
  [2, 0, 0, 0, 1],
];

/** The lecture's 3×3 kernel: the subscripts written on the input's top-left window. */
export const LECTURE_KERNEL_3X3: readonly (readonly number[])[] = [
  [0, 1, 2],
  [2, 2, 0],
  [0, 1, 2],
];

/** What the lecture prints as the result: cross-correlation, valid padding, stride 1. */
export const LECTURE_OUTPUT_3X3: readonly (readonly number[])[] = [
  [12, 12, 17],
  [10, 17, 19],
  [9, 6, 14],
];
