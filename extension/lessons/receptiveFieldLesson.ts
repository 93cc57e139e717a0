/**
 * Receptive fields: how one unit's field on the input grows layer by layer through the
 * lesson's stack (conv 3×3, conv 3×3, max-pool 2, dilated conv 3×3), with the recurrence
 * size + (k − 1)·d·jump written out per layer and the field drawn as a box on the input.
 */
import * as vscode from 'vscode';
import { lessonModels, num, receptiveFieldGrowth } from '../../core/lessons';
import type { LessonMap, LessonPageData } from '../../webview/protocol';
import { page, section, type LessonBuilder, type LessonContext } from './lessonPage';
import { receptiveFieldOwnSection } from './receptiveFieldOwn';

export class ReceptiveFieldLesson implements LessonBuilder {
  build(context: LessonContext): LessonPageData {
    const t = vscode.l10n.t;
    const model = lessonModels('receptiveField')[0]!;
    const g = receptiveFieldGrowth(model);
    const [, H, W] = g.inputShape as [number, number, number];
    const empty = new Array<number>(H * W).fill(0);
    // The input's pixel at the centre, so the boxes read as the field around it.
    empty[g.at[0] * W + g.at[1]] = 1;
    const maps: LessonMap[] = g.steps.filter((s) => s.clipped).map((s) => ({
      caption: `${s.name}: ${s.field ? `${num(s.field.rows.size)}×${num(s.field.cols.size)}` : '—'}`,
      rows: H, cols: W, data: empty, kind: 'sequential',
      box: [s.clipped!.top, s.clipped!.left, s.clipped!.bottom, s.clipped!.right],
    }));
    const last = g.steps[g.steps.length - 1]!;
    const growth = section('growth', t('Layer by layer'), {
      paragraphs: [t('A unit of a deeper layer sees more of the input: each layer adds (k − 1)·dilation·jump pixels, and strides and pooling multiply the jump.')],
      tables: [{
        caption: t('Receptive field of the unit over input pixel ({0}, {1})', g.at[0], g.at[1]),
        header: [t('layer'), t('type'), t('output'), t('field'), t('jump'), t('growth')],
        rows: g.steps.map((s) => [s.name, s.type, s.outputShape ? s.outputShape.join('×') : '—',
          s.field ? `${num(s.field.rows.size)}×${num(s.field.cols.size)}` : '—', s.field ? num(s.field.rows.jump) : '—', s.growth]),
      }],
      values: { finalField: last.field ? `${num(last.field.rows.size)}×${num(last.field.cols.size)}` : '—', layers: String(g.steps.length - 1) },
    });
    const drawn = section('onInput', t('On the input'), { maps });
    return page('receptiveField', t('How far a unit sees: its receptive field on a 28×28 input, through a stack with pooling and dilation.'), [growth, drawn, receptiveFieldOwnSection(context)]);
  }
}
