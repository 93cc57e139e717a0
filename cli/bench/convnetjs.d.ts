/**
 * The few parts of convnetjs 0.3.0 (Karpathy; CommonJS, no typings of its own) that the
 * benchmark uses. A Vol stores a width×height×depth volume with depth fastest:
 * index ((sx·y) + x)·depth + d, i.e. HWC.
 */
declare module 'convnetjs' {
  export class Vol {
    constructor(sx: number, sy: number, depth: number, c?: number);
    sx: number;
    sy: number;
    depth: number;
    w: Float64Array;
    dw: Float64Array;
  }
  export interface LayerDef {
    type: string;
    [option: string]: unknown;
  }
  export class Net {
    makeLayers(defs: LayerDef[]): void;
    forward(v: Vol, isTraining?: boolean): Vol;
    getPrediction(): number;
  }
  export interface TrainerOptions {
    method?: 'sgd' | 'adagrad' | 'adadelta' | 'windowgrad';
    learning_rate?: number;
    batch_size?: number;
    momentum?: number;
    l1_decay?: number;
    l2_decay?: number;
  }
  export class Trainer {
    constructor(net: Net, options?: TrainerOptions);
    train(x: Vol, y: number): { loss: number; cost_loss: number };
  }
  export class ConvLayer {
    constructor(options: { in_sx: number; in_sy: number; in_depth: number; sx: number; filters: number; stride?: number; pad?: number });
    forward(v: Vol, isTraining?: boolean): Vol;
    filters: Vol[];
  }
}
