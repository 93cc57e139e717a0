/**
 * Hovers on layer calls: the layer's Markdown (server/hoverText.ts) and a picture of its
 * kernels — the trained ones when the host keeps them (asked by TRAINED_KERNELS_REQUEST),
 * else the seeded initial ones, drawn here so the host only relays a few floats.
 */
import type { Hover } from 'vscode-languageserver';
import { displayShape } from '../core/analysis';
import { kernelGridPng } from '../core/image/kernelGrid';
import { pngDataUri } from '../core/image/png';
import { layerHoverMarkdown, type KernelPicture } from './hoverText';
import { initialKernels, type KernelTensor } from './initialKernels';
import { layerAt, type LayerHit } from './layerAt';
import type { AnalysedFile, TrainedKernelsParams } from './protocol';
import { plainText } from './markdown';
import { lspRange } from './ranges';

/** The most filters and input channels a hover draws (and asks the host for). */
export const HOVER_FILTERS = 16;
export const HOVER_CHANNELS = 4;
/** Kernels larger than this (per side) are described, not drawn: a 300×300 kernel would be a 2,400-pixel tile. */
export const HOVER_MAX_KERNEL = 15;
/** The initial kernels are drawn only when the filters shown hold at most this many weights. */
const MAX_DRAWN_WEIGHTS = 200_000;

export type TrainedKernelSource = (params: TrainedKernelsParams) => Promise<(KernelTensor & { full: readonly [number, number] }) | undefined>;

async function picture(file: AnalysedFile, hit: LayerHit, seed: number, trained: TrainedKernelSource): Promise<KernelPicture | undefined> {
  const layer = hit.model.layers[hit.index]!;
  const inputShape = hit.analysis.layers[hit.index]?.inputShape ?? null;
  if (layer.spec.kind !== 'conv2d' || !inputShape) return undefined;
  const [kh, kw] = layer.spec.kernelSize;
  const perGroup = inputShape.length === 3 && layer.spec.groups > 0 ? inputShape[0]! / layer.spec.groups : 1;
  if (kh > HOVER_MAX_KERNEL || kw > HOVER_MAX_KERNEL || Math.min(layer.spec.filters, HOVER_FILTERS) * perGroup * kh * kw > MAX_DRAWN_WEIGHTS) {
    return { caption: `Kernels of ${kh}×${kw} over ${perGroup} input channel${perGroup === 1 ? '' : 's'} are too large to draw here; the lab shows them.` };
  }
  const kept = await trained({ uri: file.uri, model: hit.model.name, layer: layer.name, maxFilters: HOVER_FILTERS, maxChannels: HOVER_CHANNELS }).catch(() => undefined);
  const kernels = kept ?? initialKernels(hit.model, hit.index, inputShape, seed, HOVER_FILTERS);
  if (!kernels) return undefined;
  const grid = kernelGridPng(kernels.values, kernels.shape, { cell: 8, gap: 3, maxFilters: HOVER_FILTERS, maxChannels: HOVER_CHANNELS });
  // The layer's own counts, not the slice drawn: a 32-filter layer shows "16 of 32 filters".
  const outC = kept ? kept.full[0] : layer.spec.filters;
  const inC = kept ? kept.full[1] : kernels.shape[1];
  const shown = `${grid.filters} of ${outC} filters${inC > 1 ? ` × ${grid.channels} of ${inC} input channels` : ''}`;
  const state = kept ? 'trained weights' : `initial weights (Glorot uniform, seed ${seed})`;
  return { dataUri: pngDataUri(grid.png), caption: `Kernels, ${state}: ${shown}; blue < 0 < red, scale ±${grid.maxAbs.toPrecision(2)}` };
}

/**
 * A whole model built by one call (`models.resnet18(...)`, `keras.applications.VGG16(...)`):
 * every layer's range is that call, so its hover is the model's, not its first layer's.
 */
function prebuiltModelMarkdown(hit: LayerHit, layers: number): string {
  const t = hit.analysis.totals;
  const at = t.complete ? '' : 'at least ';
  const count = (n: number): string => n.toLocaleString('en-US');
  const out = hit.analysis.outputShapes.map((s) => (s ? `\`${displayShape(s, hit.model.source)}\`` : 'unknown')).join(', ');
  return [
    `**${plainText(hit.model.name)}** · a prebuilt model, read from ConvLab's own definition of it`,
    '',
    `${layers} layers · ${at}${count(t.params)} parameters (${at}${count(t.trainableParams)} trainable) · output ${out}`,
    '',
    'The side view shows its layers; its weights are never downloaded.',
  ].join('\n');
}

export async function hoverAt(file: AnalysedFile, line: number, character: number, seed: number, trained: TrainedKernelSource): Promise<Hover | null> {
  const hit = layerAt(file, line, character);
  if (!hit) return null;
  const layer = hit.model.layers[hit.index]!;
  const same = (r: typeof layer.range): boolean => r !== undefined && layer.range !== undefined && r.startLine === layer.range.startLine && r.startCol === layer.range.startCol && r.endLine === layer.range.endLine && r.endCol === layer.range.endCol;
  // A prebuilt model's layers all point at the call that builds it: many layers of several
  // kinds on one range. A helper of the learner's (conv3x3) called often makes many layers
  // on one range too, but of the one kind its constructor call makes: that is a layer.
  const shared = hit.model.layers.filter((l) => same(l.range));
  const sharing = shared.length;
  if (sharing > 3 && new Set(shared.map((l) => l.spec.kind)).size > 1) return { contents: { kind: 'markdown', value: prebuiltModelMarkdown(hit, sharing) }, ...(layer.range ? { range: lspRange(layer.range) } : {}) };
  const markdown = layerHoverMarkdown(hit.model, hit.analysis, hit.index, await picture(file, hit, seed, trained));
  if (!markdown) return null;
  return { contents: { kind: 'markdown', value: markdown }, ...(layer.range ? { range: lspRange(layer.range) } : {}) };
}
