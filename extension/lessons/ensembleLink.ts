/**
 * The dropout lesson's way into the learner's own model: `ConvLab: Mask Ensembles of a
 * Model` opens the lab panel's mask-ensemble view on a model that has a Dropout layer —
 * the learner's own when an open editor holds one, else the Keras example (which has one),
 * so the lesson's "each mask is one model" can be tried on a real network.
 */
import * as vscode from 'vscode';
import type { LabController } from '../lab/labController';
import { isModelDocument, type ModelStore } from '../model/modelStore';
import { openExample } from './examples';

export const ENSEMBLE_LINK_COMMAND = 'convlab.maskEnsembles';

/** The first model with a Dropout layer: the active editor's first, then the other open editors'. */
async function modelWithDropout(models: ModelStore): Promise<{ doc: vscode.TextDocument; modelIndex: number } | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const docs = [...(active ? [active] : []), ...vscode.window.visibleTextEditors.map((e) => e.document), ...vscode.workspace.textDocuments];
  for (const doc of docs) {
    if (!isModelDocument(doc)) continue;
    const modelIndex = (await models.get(doc))?.parse.models.findIndex((m) => m.layers.some((l) => l.spec.kind === 'dropout')) ?? -1;
    if (modelIndex >= 0) return { doc, modelIndex };
  }
  return undefined;
}

export function registerEnsembleLinkCommand(extensionUri: vscode.Uri, models: ModelStore, lab: LabController): vscode.Disposable {
  return vscode.commands.registerCommand(ENSEMBLE_LINK_COMMAND, async () => {
    let found = await modelWithDropout(models);
    if (!found) {
      const editor = await openExample(extensionUri, 'mnist_cnn_keras.py');
      if (editor) found = await modelWithDropout(models);
    }
    if (!found) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No open model has a Dropout layer.'));
      return;
    }
    await lab.visualize(found.doc, found.modelIndex, 'ensemble');
  });
}
