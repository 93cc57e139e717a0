/**
 * Equivariance: convolution commutes with shifts away from the borders (conv(shift(x)) =
 * shift(conv(x)) exactly in the interior), while max-pooling follows a shift only when it
 * is a multiple of the pool's stride. The lesson shows the maps and the largest differences.
 */
import * as vscode from 'vscode';
import { gridFromRows } from '../../core/conv/byHand';
import { convEquivariance, LECTURE_SOBEL_GX, num, poolEquivariance, syntheticImage } from '../../core/lessons';
import type { LessonPageData } from '../../webview/protocol';
import { mapOf, page, section, type LessonBuilder } from './lessonPage';

export const EQUIVARIANCE_SHIFT = [1, 2] as const;

export class EquivarianceLesson implements LessonBuilder {
  build(): LessonPageData {
    const t = vscode.l10n.t;
    const input = syntheticImage('square', 16);
    const kernel = gridFromRows(LECTURE_SOBEL_GX);
    const [dy, dx] = EQUIVARIANCE_SHIFT;
    const e = convEquivariance(input, kernel, dy, dx);
    const conv = section('conv', t('Shift the input, and the feature map shifts with it'), {
      paragraphs: [t('The input is shifted by ({0}, {1}) (down, right) and convolved with G_x. Inside, away from the zeros shifted in at the border, conv(shift(x)) equals shift(conv(x)) exactly.', dy, dx)],
      maps: [
        mapOf(t('input x'), e.input, 'sequential'),
        mapOf(t('shifted input'), e.shiftedInput, 'sequential'),
        mapOf('conv(shift(x))', e.ofShifted, 'diverging'),
        mapOf('shift(conv(x))', e.shiftedOf, 'diverging'),
        mapOf(t('|difference|'), e.difference, 'sequential'),
      ],
      values: { maxInterior: num(e.maxInterior), maxBorder: num(e.maxBorder), interiorCells: String(e.interiorCells) },
    });
    const shifts: [number, number][] = [[2, 2], [1, 1], [1, 2], [4, 0]];
    const pool = section('pooling', t('Pooling breaks exact equivariance'), {
      paragraphs: [t('After a 2×2 max-pool, the pooled map follows the shift exactly only when the shift is a multiple of 2 on both axes.')],
      tables: [{
        caption: t('Largest interior difference after conv → max-pool 2×2'),
        header: [t('input shift'), t('multiple of 2'), t('smallest difference')],
        rows: shifts.map(([a, b]) => {
          const p = poolEquivariance(input, kernel, a, b, 2, 'max');
          return [`(${a}, ${b})`, p.divisible ? t('yes') : t('no'), num(p.bestMaxInterior)];
        }),
      }],
    });
    return page('equivariance', t('Convolution is equivariant to translation: shift the input and the feature map shifts the same way.'), [conv, pool]);
  }
}
