/**
 * The dropout layer. The IR gives Keras' drop rate; the layer works with the lecture's keep
 * probability keepProb = 1 − dropRate, in either convention (../ops/dropout). 'channel'
 * granularity drops whole feature maps of a [C, H, W] input.
 *
 * Each training forward draws a fresh mask from the layer's own generator; reseed(seed)
 * restarts that stream, so a sequence of masks can be replayed exactly. The last mask stays
 * readable for the mask views.
 */
import { keepProbability, type DropoutSpec } from '../model/ir';
import {
  applyDropoutMask, checkKeepProb, sampleDropoutMask, scaleBy, testScale, trainScale, type DropoutConvention,
} from '../ops/dropout';
import { Random } from '../random';
import { sizeOf } from '../tensor';
import { BaseLayer, type LayerContext } from './layer';

export class DropoutLayer extends BaseLayer {
  readonly kind = 'dropout';
  readonly dropRate: number;
  readonly keepProb: number;
  /** 1 = kept, 0 = dropped, one entry per unit (element or feature map) of the whole batch. */
  readonly mask: Uint8Array;
  /** Elements per mask entry: 1, or H·W for channel dropout. */
  readonly unitSize: number;
  private rng: Random;
  private lastForwardTrained = false;

  constructor(context: LayerContext, readonly spec: DropoutSpec, readonly convention: DropoutConvention, seed: number) {
    super(context, context.inputShape);
    this.dropRate = spec.rate;
    this.keepProb = keepProbability(spec.rate);
    checkKeepProb(this.keepProb);
    if (spec.granularity === 'channel' && context.inputShape.length !== 3) {
      throw new RangeError('channel (spatial) dropout needs a [channels, height, width] input');
    }
    this.unitSize = spec.granularity === 'channel' ? sizeOf(context.inputShape.slice(1)) : 1;
    this.mask = new Uint8Array((context.capacity * sizeOf(context.inputShape)) / this.unitSize);
    this.rng = new Random(seed);
  }

  /** The seed the current mask stream started from. */
  get seed(): number {
    return this.rng.seed;
  }

  /** Restarts the mask stream: the next training forwards draw the same masks as after the last reseed(seed). */
  reseed(seed: number): void {
    this.rng = new Random(seed);
  }

  /** Mask entries in the current batch. */
  get units(): number {
    return this.output.length / this.unitSize;
  }

  forward(x: Float32Array, training: boolean): Float32Array {
    this.input = x;
    this.lastForwardTrained = training;
    if (training) {
      sampleDropoutMask(this.mask, this.units, this.keepProb, this.rng);
      applyDropoutMask(x, this.output, this.mask, this.units, this.unitSize, trainScale(this.keepProb, this.convention));
    } else {
      scaleBy(x, this.output, this.output.length, testScale(this.keepProb, this.convention));
    }
    return this.output;
  }

  backward(dOutput: Float32Array): Float32Array {
    if (this.dInput.length === 0) return this.dInput;
    if (this.lastForwardTrained) {
      applyDropoutMask(dOutput, this.dInput, this.mask, this.units, this.unitSize, trainScale(this.keepProb, this.convention));
    } else {
      scaleBy(dOutput, this.dInput, this.dInput.length, testScale(this.keepProb, this.convention));
    }
    return this.dInput;
  }
}
