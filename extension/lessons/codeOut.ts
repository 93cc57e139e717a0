/**
 * The learner's way out to the frameworks that scale: the model in the active editor (or a
 * lesson's model) written as Keras or PyTorch code into a new editor. The generated code
 * parses back to the same model in ConvLab (core/codegen's tests hold it to that); where a
 * setting cannot be written exactly, the generator's notes say so in the editor.
 */
import * as vscode from 'vscode';
import { toKeras, toPyTorch, UnsupportedCodegen } from '../../core/codegen';
import type { GeneratedCode } from '../../core/codegen';
import type { ModelIR } from '../../core/model/ir';
import type { ModelStore } from '../model/modelStore';

export type Framework = 'keras' | 'pytorch';

export function generate(model: ModelIR, framework: Framework): GeneratedCode {
  return framework === 'keras' ? toKeras(model) : toPyTorch(model);
}

/** The model under the cursor in the active editor, else its file's first model. */
export async function activeModel(store: ModelStore): Promise<ModelIR | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const file = await store.get(editor.document);
  if (!file || file.parse.models.length === 0) return undefined;
  const at = editor.selection.active;
  const containing = file.parse.models.find((m) => m.range && m.range.startLine <= at.line && at.line <= m.range.endLine);
  return containing ?? file.parse.models[0];
}

export async function writeModelAsCode(model: ModelIR, framework: Framework): Promise<vscode.TextEditor> {
  const out = generate(model, framework);
  const notes = out.notes.length > 0 ? `${out.notes.map((n) => `# ConvLab note: ${n}`).join('\n')}\n` : '';
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content: `${notes}${out.code}` });
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
}

export function registerCodeOutCommands(store: ModelStore, lessonModel: () => ModelIR | undefined = () => undefined): vscode.Disposable[] {
  const command = (framework: Framework) => async (): Promise<vscode.TextEditor | undefined> => {
    const model = (await activeModel(store)) ?? lessonModel();
    if (!model) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Keras or PyTorch model file (or a .convlab.json) first: ConvLab writes that model out as code.'));
      return undefined;
    }
    try {
      return await writeModelAsCode(model, framework);
    } catch (e) {
      if (!(e instanceof UnsupportedCodegen)) throw e;
      void vscode.window.showWarningMessage(e.message);
      return undefined;
    }
  };
  return [
    vscode.commands.registerCommand('convlab.writeKeras', command('keras')),
    vscode.commands.registerCommand('convlab.writePyTorch', command('pytorch')),
  ];
}
