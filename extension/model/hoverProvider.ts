/** Hovers on layer calls: answers only on a layer's range, fast, and honours cancellation. */
import * as vscode from 'vscode';
import { kernelGridPng } from '../../core/image/kernelGrid';
import { pngDataUri } from '../../core/image/png';
import { layerHoverMarkdown, type KernelPicture } from './hoverText';
import { initialKernels, type KernelTensor } from './initialKernels';
import type { ModelStore } from './modelStore';

/** Trained kernels, when the learner has trained this model (filled by the training view). */
export type TrainedKernels = (doc: vscode.TextDocument, modelName: string, layerName: string) => KernelTensor | undefined;

export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ModelStore,
    private readonly trained: TrainedKernels = () => undefined,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const hit = this.store.layerAt(doc, position);
    if (!hit || token.isCancellationRequested) return undefined;
    const { model, analysis, index } = hit;
    const layer = model.layers[index]!;
    const picture = this.picture(doc, hit.model, analysis.layers[index]?.inputShape ?? null, index, layer.name);
    const markdown = layerHoverMarkdown(model, analysis, index, picture);
    if (!markdown || token.isCancellationRequested) return undefined;
    const md = new vscode.MarkdownString(markdown, true);
    return new vscode.Hover(md, layer.range ? new vscode.Range(layer.range.startLine, layer.range.startCol, layer.range.endLine, layer.range.endCol) : undefined);
  }

  private picture(doc: vscode.TextDocument, model: Parameters<typeof initialKernels>[0], inputShape: readonly number[] | null, index: number, layerName: string): KernelPicture | undefined {
    if (model.layers[index]?.spec.kind !== 'conv2d' || !inputShape) return undefined;
    const seed = vscode.workspace.getConfiguration('convlab', doc.uri).get<number>('seed', 0);
    const trained = this.trained(doc, model.name, layerName);
    const kernels = trained ?? initialKernels(model, index, inputShape, seed);
    if (!kernels) return undefined;
    const grid = kernelGridPng(kernels.values, kernels.shape, { cell: 8, gap: 3, maxFilters: 16, maxChannels: 4 });
    const [outC, inC] = kernels.shape;
    const shown = `${grid.filters} of ${outC} filters${inC > 1 ? ` × ${grid.channels} of ${inC} input channels` : ''}`;
    const state = trained ? 'trained weights' : `initial weights (Glorot uniform, seed ${seed})`;
    return { dataUri: pngDataUri(grid.png), caption: `Kernels, ${state}: ${shown}; blue < 0 < red, scale ±${grid.maxAbs.toPrecision(2)}` };
  }
}
