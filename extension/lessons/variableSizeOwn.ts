/**
 * Inputs of variable size on the learner's model: its own size, 4 pixels more, and double;
 * whether the same weights run, and which layer forbids it (Dense after Flatten) or
 * allows it (global pooling) — core/lessons/variableSize.ts.
 */
import * as vscode from 'vscode';
import { count, modelSizeVerdict } from '../../core/lessons';
import type { LessonSection } from '../../webview/protocol';
import type { LessonContext } from './lessonPage';
import { ownModelSection, type Filled } from './ownModelSection';

export function variableSizeOwnSection(context: LessonContext): LessonSection {
  const t = vscode.l10n.t;
  return ownModelSection(context, t('Your model at other sizes'), (_own, model): Filled => {
    let v: ReturnType<typeof modelSizeVerdict>;
    try {
      v = modelSizeVerdict(model);
    } catch (error) {
      return { notice: { kind: 'info', text: t('ConvLab cannot try other sizes on {0}: {1}.', model.name, error instanceof Error ? error.message : String(error)) }, values: { ownAnySize: '—' } };
    }
    return {
      paragraphs: [v.verdict],
      tables: [{
        caption: t('{0} at each input size (weights from {1}×{2})', model.name, v.lesson.reference[0], v.lesson.reference[1]),
        header: [t('input'), t('output'), t('parameters'), t('same weights fit'), t('why not')],
        rows: v.lesson.runs.map((r) => [`${r.size[0]}×${r.size[1]}`, r.outputShape ? r.outputShape.join('×') : '—', r.params === null ? '—' : count(r.params),
          r.weightsFit ? t('yes') : t('no'),
          r.weightsFit ? '' : [...r.changed.map((c) => t('{0}: {1} parameters instead of {2}', c.name, c.params === null ? '?' : count(c.params), c.referenceParams === null ? '?' : count(c.referenceParams))), ...r.errors].join('; ')]),
      }],
      values: {
        ownAnySize: v.lesson.anySize ? t('yes') : t('no'),
        ownCulprit: v.lesson.culprit ? `${v.lesson.culprit.name} (${v.lesson.culprit.type})` : '—',
        ...(v.enabler ? { ownEnabler: `${v.enabler.name} (${v.enabler.type})` } : {}),
      },
    };
  });
}
