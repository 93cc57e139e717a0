/**
 * Edges with Sobel (the lecture's G_x and G_y): both kernels slid over an image, and the
 * gradient magnitude. The image is a procedural one, an MNIST test digit (from the worker,
 * which holds MNIST), or a PNG/JPEG of the workspace that the page decodes and sends back
 * as a grey grid. The learner edits the nine numbers of either kernel; each edit is
 * recomputed here with the core (a 128×96 picture is about 0.3 M multiply-adds, well under a
 * millisecond's worth of a frame) and the page redraws at once.
 */
import * as vscode from 'vscode';
import type { Grid } from '../../core/conv/byHand';
import { kernelFromValues, LECTURE_SOBEL_GX, LECTURE_SOBEL_GY, num, proceduralImage, sobelEdges, syntheticImage } from '../../core/lessons';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { DecodedImage, ImageMime, LessonPageData } from '../../webview/protocol';
import type { MnistLoader } from '../lab/mnist';
import type { WorkerClient } from '../worker/client';
import { readImageFile } from './imageFiles';
import { mapOf, page, section, type LessonBuilder } from './lessonPage';

const PROCEDURAL: readonly { readonly name: string; readonly image: () => Grid }[] = [
  { name: 'square', image: () => syntheticImage('square', 16) },
  { name: 'shapes #0', image: () => proceduralImage('shapes', 0).image },
  { name: 'disk', image: () => syntheticImage('disk', 16) },
  { name: 'vertical step', image: () => syntheticImage('verticalStep', 16) },
];

/** MNIST's test split: the digits the lesson numbers 0…9999. */
export const MNIST_TEST_COUNT = 10_000;

/** The page's decoder, as the lesson controller provides it (post the bytes, await the grid). */
export type DecodeInPage = (bytes: Uint8Array, mime: ImageMime, name: string) => Promise<DecodedImage>;

type Source =
  | { readonly kind: 'procedural'; readonly index: number }
  | { readonly kind: 'mnist'; readonly index: number; readonly label: string | null; readonly image: Grid }
  | { readonly kind: 'file'; readonly name: string; readonly width: number; readonly height: number; readonly image: Grid };

export class SobelLesson implements LessonBuilder {
  private gx: number[] = LECTURE_SOBEL_GX.flat();
  private gy: number[] = LECTURE_SOBEL_GY.flat();
  private source: Source = { kind: 'procedural', index: 0 };
  private mnistIndex = 0;
  /** Why the last image could not be shown (kept until another image is). */
  private notice: string | undefined;

  constructor(
    private readonly worker: WorkerClient<ConvLabJobs>,
    private readonly mnist: MnistLoader,
    private readonly decode: DecodeInPage,
    private readonly pickFile: () => Promise<vscode.Uri | undefined>,
  ) {}

  async action(action: string): Promise<void> {
    if (action === 'sobelReset') {
      this.gx = LECTURE_SOBEL_GX.flat();
      this.gy = LECTURE_SOBEL_GY.flat();
    }
    if (action === 'sobelImage') this.show({ kind: 'procedural', index: this.source.kind === 'procedural' ? (this.source.index + 1) % PROCEDURAL.length : 0 });
    // The first press shows the digit in the field; each further press the next one.
    if (action === 'sobelMnist') await this.showDigit(this.source.kind === 'mnist' ? (this.mnistIndex + 1) % MNIST_TEST_COUNT : this.mnistIndex);
    if (action === 'sobelOpenFile') {
      const uri = await this.pickFile();
      if (uri) await this.openFile(uri);
    }
  }

  input(name: string, value: number): Promise<void> {
    return name === 'mnistIndex' ? this.showDigit(value) : Promise.resolve();
  }

  editKernel(kernel: 'gx' | 'gy', values: readonly number[]): void {
    if (kernel === 'gx') this.gx = [...values];
    else this.gy = [...values];
  }

  /** The grey image the maps are computed on (the tests recompute them from it). */
  get shownImage(): Grid {
    return this.image().grid;
  }

  private show(source: Source): void {
    this.source = source;
    this.notice = undefined;
  }

  async showDigit(index: number): Promise<void> {
    this.mnistIndex = index;
    await this.mnist.ensure();
    const r = await this.worker.request('viewImage', { source: { kind: 'mnist', index } });
    this.show({ kind: 'mnist', index, label: r.label, image: { rows: 28, cols: 28, data: r.pixels } });
  }

  /** Reads, checks and (in the page) decodes an image file; a bad one leaves the image as it was, with the reason shown. */
  async openFile(uri: vscode.Uri): Promise<void> {
    const file = await readImageFile(uri);
    if ('error' in file) {
      this.notice = file.error;
      return;
    }
    const decoded = await this.decode(file.bytes, file.mime, file.name);
    if (!decoded.ok) {
      this.notice = vscode.l10n.t('ConvLab cannot use {0} as an image: {1}.', file.name, decoded.error);
      return;
    }
    const { rows, cols, data } = decoded.image;
    this.show({ kind: 'file', name: file.name, width: decoded.width, height: decoded.height, image: { rows, cols, data: Float32Array.from(data) } });
  }

  private image(): { readonly grid: Grid; readonly caption: string; readonly name: string } {
    const t = vscode.l10n.t;
    const s = this.source;
    switch (s.kind) {
      case 'procedural': {
        const p = PROCEDURAL[s.index]!;
        return { grid: p.image(), name: p.name, caption: t('Image: {0}, drawn by ConvLab', p.name) };
      }
      case 'mnist':
        return { grid: s.image, name: `MNIST #${s.index}`, caption: t('Image: MNIST test digit #{0} (a {1}), 28×28', s.index, s.label ?? '?') };
      case 'file':
        return {
          grid: s.image, name: s.name,
          caption: s.width === s.image.cols && s.height === s.image.rows
            ? t('Image: {0}, {1}×{2}, in grey (Rec. 601 luma: 0.299 R + 0.587 G + 0.114 B)', s.name, s.width, s.height)
            : t('Image: {0}, {1}×{2} scaled to {3}×{4} (longest side 128), in grey (Rec. 601 luma: 0.299 R + 0.587 G + 0.114 B)', s.name, s.width, s.height, s.image.cols, s.image.rows),
        };
    }
  }

  build(): LessonPageData {
    const t = vscode.l10n.t;
    const image = this.image();
    const r = sobelEdges(image.grid, { gx: kernelFromValues(this.gx), gy: kernelFromValues(this.gy) });
    const isLecture = this.gx.join() === LECTURE_SOBEL_GX.flat().join() && this.gy.join() === LECTURE_SOBEL_GY.flat().join();
    const kernels = section('kernels', t('The kernels'), {
      paragraphs: [t('As the lecture names them, G_x responds to horizontal edges (a change down the rows) and G_y to vertical edges (a change across the columns). Edit any of the nine numbers: the maps follow. (Alt+←/→ moves between cells.)')],
      kernels: [
        { name: 'gx', caption: 'G_x', rows: 3, cols: 3, values: this.gx },
        { name: 'gy', caption: 'G_y', rows: 3, cols: 3, values: this.gy },
      ],
      actions: [{ action: 'sobelReset', label: t('Lecture\'s kernels'), disabled: isLecture }],
    });
    const source = section('image', t('The image'), {
      paragraphs: [t('A procedural image, a handwritten MNIST digit, or a PNG or JPEG of your workspace (also from the Explorer: right-click an image, ConvLab: Edges with Sobel).')],
      actions: [
        { action: 'sobelImage', label: this.source.kind === 'procedural' ? t('Next procedural image') : t('Procedural image') },
        { action: 'sobelMnist', label: this.source.kind === 'mnist' ? t('Next MNIST digit') : t('MNIST digit') },
        { action: 'sobelOpenFile', label: t('Open image file…') },
      ],
      inputs: [{ name: 'mnistIndex', label: t('MNIST test digit #'), value: this.mnistIndex, min: 0, max: MNIST_TEST_COUNT - 1 }],
      ...(this.notice ? { notice: { kind: 'error' as const, text: this.notice } } : {}),
    });
    const maps = section('maps', t('Responses on the image'), {
      paragraphs: [`${image.caption}. ${t('Cross-correlation, valid padding: the maps are {0}×{1}.', r.magnitude.cols, r.magnitude.rows)}`],
      maps: [
        mapOf(t('image'), r.image, this.source.kind === 'file' ? 'grey' : 'sequential'),
        mapOf('G_x', r.gx.response, 'diverging'),
        mapOf('G_y', r.gy.response, 'diverging'),
        mapOf(t('magnitude √(G_x² + G_y²)'), r.magnitude, 'sequential'),
      ],
      values: {
        image: image.name,
        imageSize: `${r.image.cols}×${r.image.rows}`,
        mapSize: `${r.magnitude.cols}×${r.magnitude.rows}`,
        gxRange: `${num(r.gx.min)} … ${num(r.gx.max)}`,
        gyRange: `${num(r.gy.min)} … ${num(r.gy.max)}`,
        magnitudeMax: num(r.magnitudeMax),
        gx: this.gx.map((v) => num(v)).join(' '),
      },
    });
    return page('sobel', t('Two hand-made 3×3 kernels that find edges: the lecture\'s Sobel G_x and G_y, slid over an image.'), [source, kernels, maps]);
  }
}
