/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- AssemblyScript, not TypeScript: scripts/build-wasm.mjs compiles and checks it.
/**
 * Byte offsets of a window geometry in the block of 16 i32s that the TypeScript side writes
 * before a convolution or pooling call (core/wasm/geometry.ts writes it in this order).
 * One block instead of sixteen arguments keeps the calls readable on both sides.
 */
export const G_BATCH: usize = 0;
export const G_IN_C: usize = 4;
export const G_IN_H: usize = 8;
export const G_IN_W: usize = 12;
export const G_OUT_C: usize = 16;
export const G_GROUPS: usize = 20;
export const G_KH: usize = 24;
export const G_KW: usize = 28;
export const G_SH: usize = 32;
export const G_SW: usize = 36;
export const G_DH: usize = 40;
export const G_DW: usize = 44;
export const G_PAD_T: usize = 48;
export const G_PAD_L: usize = 52;
export const G_OUT_H: usize = 56;
export const G_OUT_W: usize = 60;
