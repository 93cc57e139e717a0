/**
 * Receptive fields through the learner's model: one unit's field layer by layer (size,
 * jump, start; each layer's kernel, stride and dilation), drawn on the model's input as
 * the lesson's own stack is.
 */
import * as vscode from 'vscode';
import { num, receptiveFieldGrowth, type FieldGrowth, type FieldStep } from '../../core/lessons';
import type { LessonMap, LessonSection } from '../../webview/protocol';
import type { LessonContext } from './lessonPage';
import { ownModelSection, type Filled } from './ownModelSection';

const size = (s: FieldStep): string => (s.field ? (s.field.global ? 'global' : `${num(s.field.rows.size)}×${num(s.field.cols.size)}`) : '—');
const axis = (a: number, b: number): string => (a === b ? num(a) : `${num(a)}×${num(b)}`);

/** The field drawn as a box on the input: one map per layer whose field grows, and the first that sees everything. */
export function fieldMaps(g: FieldGrowth): LessonMap[] {
  const [H, W] = g.inputShape.length === 3 ? [g.inputShape[1]!, g.inputShape[2]!] : [g.inputShape[0]!, g.inputShape[1]!];
  const data = new Array<number>(H * W).fill(0);
  // The input's pixel the unit is centred on, so the boxes read as the field around it.
  data[g.at[0] * W + g.at[1]] = 1;
  let last = '';
  const maps: LessonMap[] = [];
  for (const s of g.steps) {
    const key = size(s);
    if (!s.clipped || key === last || (s.field?.global && last === 'global')) continue;
    last = key;
    maps.push({ caption: `${s.name}: ${key === 'global' ? `${H}×${W} (${vscode.l10n.t('all of it')})` : key}`, rows: H, cols: W, data, kind: 'sequential',
      box: [s.clipped.top, s.clipped.left, s.clipped.bottom, s.clipped.right] });
  }
  return maps;
}

export function receptiveFieldOwnSection(context: LessonContext): LessonSection {
  const t = vscode.l10n.t;
  return ownModelSection(context, t('In your model'), (_own, model): Filled => {
    const g = receptiveFieldGrowth(model);
    if (g.problem) return { notice: { kind: 'info', text: t('Receptive fields need an image input: {0}.', g.problem) }, values: { ownFields: '—' } };
    const steps = g.steps.slice(1);
    const local = steps.filter((s) => s.field && !s.field.global);
    const lastLocal = local[local.length - 1];
    return {
      paragraphs: [t('The unit over input pixel ({0}, {1}), layer by layer through your model: the field grows by (k − 1)·dilation·jump, and the jump (input pixels between neighbouring units) multiplies by the stride. start is the input pixel at the centre of unit 0\'s field. A Dense layer after Flatten sees the whole input.', g.at[0], g.at[1])],
      tables: [{
        caption: t('Receptive field of one unit through {0}', model.name),
        header: [t('layer'), t('type'), t('output'), t('kernel'), t('stride'), t('dilation'), t('field'), t('jump'), t('start'), t('growth')],
        rows: steps.map((s) => [s.name, s.type, s.outputShape ? s.outputShape.join('×') : '—',
          s.window ? axis(s.window.rows.kernel, s.window.cols.kernel) : '—', s.window ? axis(s.window.rows.stride, s.window.cols.stride) : '—',
          s.window ? axis(s.window.rows.dilation, s.window.cols.dilation) : '—', size(s),
          s.field && !s.field.global ? num(s.field.rows.jump) : '—', s.field && !s.field.global ? num(s.field.rows.start) : '—', s.growth]),
      }],
      maps: fieldMaps(g),
      values: {
        ownFields: steps.map((s) => `${s.name} ${size(s)}`).join(' · '),
        ownJumps: local.map((s) => num(s.field!.rows.jump)).join(' '),
        ownFinalField: lastLocal ? size(lastLocal) : '—',
      },
    };
  });
}
