/**
 * The section a lesson draws from the learner's own model (the active, or last active,
 * Python or .convlab.json editor). Without one it says how to get one and offers an
 * example; the lesson controller redraws it when that model changes.
 */
import * as vscode from 'vscode';
import type { ModelIR } from '../../core/model/ir';
import type { LessonSection } from '../../webview/protocol';
import { section, type LessonContext, type OwnModel } from './lessonPage';

export const OWN_MODEL_SECTION = 'ownModel';

export type Filled = Partial<Omit<LessonSection, 'id' | 'heading'>>;

export function ownModelSection(context: LessonContext, heading: string, fill: (own: OwnModel, model: ModelIR) => Filled): LessonSection {
  const t = vscode.l10n.t;
  const own = context.ownModel;
  const openExample = { action: 'openExample' as const, label: t('Open an example model'), primary: true };
  if (!own) {
    return section(OWN_MODEL_SECTION, heading, {
      notice: { kind: 'info', text: t('No model is open. Open a Keras or PyTorch model file (or a .convlab.json) in the editor, or an example: this section then uses your model, and follows your edits.') },
      actions: [openExample],
      values: { ownModel: '—' },
    });
  }
  if (!own.model) {
    return section(OWN_MODEL_SECTION, heading, {
      notice: { kind: 'info', text: t('ConvLab finds no Keras, PyTorch or ConvLab model in {0}. Write one there, or open an example.', own.fileName) },
      actions: [openExample],
      values: { ownModel: own.fileName },
    });
  }
  const filled = fill(own, own.model);
  const which = own.modelCount > 1 ? t('{0} › {1} (the first of its {2} models)', own.fileName, own.model.name, own.modelCount) : t('{0} › {1}', own.fileName, own.model.name);
  return section(OWN_MODEL_SECTION, heading, { ...filled, values: { ownModel: which, ...filled.values } });
}
