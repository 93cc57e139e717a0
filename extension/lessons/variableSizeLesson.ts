/**
 * Inputs of variable size: the same 3×3 kernels on inputs of different sizes (their
 * weights never change), and why a Dense layer after Flatten ties a model to one size
 * while global average pooling does not.
 */
import * as vscode from 'vscode';
import { count, flattenDenseModel, globalPoolModel, kernelOnSizes, variableSizeLesson } from '../../core/lessons';
import type { Pair } from '../../core/model/ir';
import type { LessonPageData } from '../../webview/protocol';
import { page, section, type LessonBuilder, type LessonContext } from './lessonPage';
import { variableSizeOwnSection } from './variableSizeOwn';

export const VARIABLE_SIZES: readonly Pair[] = [[28, 28], [32, 32], [64, 48]];

export class VariableSizeLesson implements LessonBuilder {
  build(context: LessonContext): LessonPageData {
    const t = vscode.l10n.t;
    const kernel = section('kernel', t('One kernel, any size'), {
      paragraphs: [t('A 3×3 kernel has 9 weights whatever the input size; only its output size changes: ⌊(n − 3) / 1⌋ + 1.')],
      tables: [{ caption: t('A 3×3 kernel, valid padding, stride 1'), header: [t('input'), t('output')],
        rows: kernelOnSizes([3, 3], VARIABLE_SIZES).map((k) => [`${k.size[0]}×${k.size[1]}`, k.output ? `${k.output[0]}×${k.output[1]}` : '—']) }],
    });
    const models = [flattenDenseModel(), globalPoolModel()].map((m) => ({ m, lesson: variableSizeLesson(m, VARIABLE_SIZES) }));
    const sections = models.map(({ m, lesson }) => section(m.name, m.name === 'flatten_dense' ? t('Flatten → Dense: one size only') : t('Global average pooling → Dense: any size'), {
      paragraphs: [lesson.culprit ? lesson.culprit.reason : t('Every size runs with the same weights: global pooling gives the Dense layer one value per channel whatever the size.')],
      tables: [{
        caption: t('{0} at each input size', m.name),
        header: [t('input'), t('output'), t('parameters'), t('same weights fit')],
        rows: lesson.runs.map((r) => [`${r.size[0]}×${r.size[1]}`, r.outputShape ? r.outputShape.join('×') : '—', r.params === null ? '—' : count(r.params), r.weightsFit ? t('yes') : t('no')]),
      }],
      values: { [`${m.name}AnySize`]: lesson.anySize ? t('yes') : t('no') },
    }));
    return page('variableSize', t('Convolution works on inputs of any size; a Dense layer after Flatten does not.'), [kernel, ...sections, variableSizeOwnSection(context)]);
  }
}
