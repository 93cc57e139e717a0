/**
 * Edges with Sobel (the lecture's G_x and G_y): both kernels slid over an image, and the
 * gradient magnitude. The learner edits the nine numbers of either kernel; each edit is
 * recomputed here (a 28×28 map is microseconds) and the page redraws at once.
 */
import * as vscode from 'vscode';
import type { Grid } from '../../core/conv/byHand';
import { kernelFromValues, LECTURE_SOBEL_GX, LECTURE_SOBEL_GY, num, proceduralImage, sobelEdges, syntheticImage } from '../../core/lessons';
import type { LessonPageData } from '../../webview/protocol';
import { mapOf, page, section, type LessonBuilder } from './lessonPage';

const IMAGES: readonly { readonly name: string; readonly image: () => Grid }[] = [
  { name: 'square', image: () => syntheticImage('square', 16) },
  { name: 'shapes #0', image: () => proceduralImage('shapes', 0).image },
  { name: 'disk', image: () => syntheticImage('disk', 16) },
  { name: 'vertical step', image: () => syntheticImage('verticalStep', 16) },
];

export class SobelLesson implements LessonBuilder {
  private gx: number[] = LECTURE_SOBEL_GX.flat();
  private gy: number[] = LECTURE_SOBEL_GY.flat();
  private image = 0;

  action(action: string): void {
    if (action === 'sobelReset') {
      this.gx = LECTURE_SOBEL_GX.flat();
      this.gy = LECTURE_SOBEL_GY.flat();
    }
    if (action === 'sobelImage') this.image = (this.image + 1) % IMAGES.length;
  }

  editKernel(kernel: 'gx' | 'gy', values: readonly number[]): void {
    if (kernel === 'gx') this.gx = [...values];
    else this.gy = [...values];
  }

  build(): LessonPageData {
    const t = vscode.l10n.t;
    const chosen = IMAGES[this.image]!;
    const r = sobelEdges(chosen.image(), { gx: kernelFromValues(this.gx), gy: kernelFromValues(this.gy) });
    const isLecture = this.gx.join() === LECTURE_SOBEL_GX.flat().join() && this.gy.join() === LECTURE_SOBEL_GY.flat().join();
    const kernels = section('kernels', t('The kernels'), {
      paragraphs: [t('As the lecture names them, G_x responds to horizontal edges (a change down the rows) and G_y to vertical edges (a change across the columns). Edit any of the nine numbers: the maps follow. (Alt+←/→ moves between cells.)')],
      kernels: [
        { name: 'gx', caption: 'G_x', rows: 3, cols: 3, values: this.gx },
        { name: 'gy', caption: 'G_y', rows: 3, cols: 3, values: this.gy },
      ],
      actions: [{ action: 'sobelReset', label: t('Lecture\'s kernels'), disabled: isLecture }, { action: 'sobelImage', label: t('Next image') }],
    });
    const maps = section('maps', t('Responses on the image'), {
      paragraphs: [t('Image: {0} ({1}×{2}); cross-correlation, valid padding: the maps are {3}×{4}.', chosen.name, r.image.rows, r.image.cols, r.magnitude.rows, r.magnitude.cols)],
      maps: [
        mapOf(t('image'), r.image, 'sequential'),
        mapOf('G_x', r.gx.response, 'diverging'),
        mapOf('G_y', r.gy.response, 'diverging'),
        mapOf(t('magnitude √(G_x² + G_y²)'), r.magnitude, 'sequential'),
      ],
      values: {
        image: chosen.name,
        gxRange: `${num(r.gx.min)} … ${num(r.gx.max)}`,
        gyRange: `${num(r.gy.min)} … ${num(r.gy.max)}`,
        magnitudeMax: num(r.magnitudeMax),
        gx: this.gx.map((v) => num(v)).join(' '),
      },
    });
    return page('sobel', t('Two hand-made 3×3 kernels that find edges: the lecture\'s Sobel G_x and G_y, slid over an image.'), [kernels, maps]);
  }
}
