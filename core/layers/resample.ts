/**
 * The layers that only move or mix pixels within each channel, all run by one fixed sparse
 * map (../ops/resample): UpSampling2D / nn.Upsample / F.interpolate, ZeroPadding2D and the
 * PyTorch padding modules, Cropping2D, Resizing / CenterCrop, adaptive pooling, global max
 * pooling, and the pooling that ../ops/pool does not do (PyTorch's ceil_mode, and
 * count_include_pad's zeros in an average). No weights.
 */
import { resolveAxis } from '../analysis/window';
import type { AdaptivePool2DSpec, Cropping2DSpec, GlobalAvgPool2DSpec, Padding2DSpec, Pool2DSpec, ResizeSpec, UpSampling2DSpec } from '../model/ir';
import { planeMap, resampleBackward, resampleForward, type AxisMap, type PlaneMap } from '../ops/resample';
import { adaptiveAxis, bilinearAxis, croppingAxis, nearestAxis, paddingAxis, poolAxis } from '../ops/resampleAxes';
import { shapeToString, type Shape } from '../tensor';
import { BaseLayer, type LayerContext } from './layer';

export type ResampleSpec = UpSampling2DSpec | Padding2DSpec | Cropping2DSpec | ResizeSpec | AdaptivePool2DSpec | GlobalAvgPool2DSpec | Pool2DSpec;

/** Whether ../ops/pool's layer cannot run this pool and the resample map must. */
export function poolNeedsResample(spec: Pool2DSpec): boolean {
  if (spec.ceilMode) return true;
  // ../ops/pool averages over real cells only; PyTorch's default counts explicit padding's zeros.
  return spec.kind === 'avgPool2d' && Array.isArray(spec.padding) && (spec.padding[0] > 0 || spec.padding[1] > 0) && spec.countIncludePad !== false;
}

function interpolated(inSize: number, outSize: number, spec: UpSampling2DSpec, scale: number | null): AxisMap {
  // With a scale factor PyTorch maps by 1/scale, not by in/out; for the integer factors of Keras both agree.
  const ratio = scale === null ? inSize / outSize : 1 / scale;
  if (spec.interpolation === 'nearest') return nearestAxis(inSize, outSize, ratio);
  if (spec.interpolation === 'bilinear') return bilinearAxis(inSize, outSize, spec.alignCorners === true, ratio);
  throw new RangeError(`${spec.interpolation} upsampling cannot be trained in ConvLab yet`);
}

/** The two axis maps of a layer over an h×w input. */
function axesOf(spec: ResampleSpec, h: number, w: number): [AxisMap, AxisMap, 'sum' | 'max', number] {
  switch (spec.kind) {
    case 'upSampling2d': {
      const scale = spec.size ? null : (spec.scale ?? [2, 2]);
      const oh = spec.size ? spec.size[0] : Math.floor(h * scale![0]);
      const ow = spec.size ? spec.size[1] : Math.floor(w * scale![1]);
      return [interpolated(h, oh, spec, scale ? scale[0] : null), interpolated(w, ow, spec, scale ? scale[1] : null), 'sum', 0];
    }
    case 'padding2d': {
      const [t, b, l, r] = spec.padding;
      return [paddingAxis(h, t, b, spec.mode), paddingAxis(w, l, r, spec.mode), 'sum', spec.mode === 'constant' ? (spec.value ?? 0) : 0];
    }
    case 'cropping2d': {
      const [t, b, l, r] = spec.cropping;
      return [croppingAxis(h, t, b), croppingAxis(w, l, r), 'sum', 0];
    }
    case 'resize': {
      if (spec.method === 'resize') return [bilinearAxis(h, spec.height, false), bilinearAxis(w, spec.width, false), 'sum', 0];
      if (h < spec.height || w < spec.width) throw new RangeError(`a centre crop to ${spec.height}×${spec.width} of a ${h}×${w} map cannot be trained in ConvLab yet`);
      const top = Math.floor((h - spec.height) / 2);
      const left = Math.floor((w - spec.width) / 2);
      return [croppingAxis(h, top, h - spec.height - top), croppingAxis(w, left, w - spec.width - left), 'sum', 0];
    }
    case 'adaptivePool2d':
      return [adaptiveAxis(h, spec.outputSize[0], spec.op), adaptiveAxis(w, spec.outputSize[1], spec.op), spec.op === 'max' ? 'max' : 'sum', 0];
    case 'globalMaxPool2d':
    case 'globalAvgPool2d': {
      const op = spec.kind === 'globalMaxPool2d' ? 'max' : 'avg';
      return [adaptiveAxis(h, 1, op), adaptiveAxis(w, 1, op), op === 'max' ? 'max' : 'sum', 0];
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const ceil = spec.ceilMode === true && spec.padding !== 'same';
      const rows = resolveAxis(h, spec.poolSize[0], spec.strides[0], 1, spec.padding, 0, ceil);
      const cols = resolveAxis(w, spec.poolSize[1], spec.strides[1], 1, spec.padding, 1, ceil);
      const average = spec.kind === 'avgPool2d' ? { countIncludePad: spec.countIncludePad !== false && spec.padding !== 'same' } : null;
      return [
        poolAxis(h, spec.poolSize[0], spec.strides[0], rows.padBefore, rows.outSize, average),
        poolAxis(w, spec.poolSize[1], spec.strides[1], cols.padBefore, cols.outSize, average),
        average ? 'sum' : 'max', 0,
      ];
    }
  }
}

export class ResampleLayer extends BaseLayer {
  readonly kind: ResampleSpec['kind'];
  readonly map: PlaneMap;
  private readonly channels: number;
  /** For max maps: the input index that won each output, per forward. */
  readonly argmax: Int32Array | null;

  constructor(context: LayerContext, readonly spec: ResampleSpec) {
    const { inputShape } = context;
    if (inputShape.length !== 3) throw new RangeError(`${spec.kind} needs a [channels, height, width] input, got ${shapeToString(inputShape)}`);
    const [c, h, w] = inputShape as [number, number, number];
    const [rows, cols, op, fill] = axesOf(spec, h, w);
    if (rows.taps.length < 1 || cols.taps.length < 1) throw new RangeError(`${spec.kind} leaves no output of the ${h}×${w} map`);
    const map = planeMap(rows, cols, op, fill);
    const out: Shape = (spec.kind === 'globalMaxPool2d' || spec.kind === 'globalAvgPool2d') && !spec.keepDims ? [c] : [c, map.outH, map.outW];
    super(context, out);
    this.kind = spec.kind;
    this.map = map;
    this.channels = c;
    this.argmax = op === 'max' ? new Int32Array(this.output.length) : null;
  }

  forward(x: Float32Array): Float32Array {
    this.input = x;
    resampleForward(this.map, this.batchSize * this.channels, x, this.output, this.argmax);
    return this.output;
  }

  backward(dOutput: Float32Array): Float32Array {
    if (this.dInput.length === 0) return this.dInput;
    resampleBackward(this.map, this.batchSize * this.channels, dOutput, this.dInput, this.argmax);
    return this.dInput;
  }
}
