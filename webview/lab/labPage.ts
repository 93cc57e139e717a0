/**
 * The lab panel's page: two views behind tabs — the model (architecture, kernels, feature
 * maps, training, mask ensembles) and the lecture's convolution by hand. It shows the view
 * whose data the host sent last, and remembers it (setState) for a revived panel.
 */
import { el } from '../dom';
import { ConvByHandView } from '../convByHand';
import { LessonView } from '../lessons/lessonView';
import { decodeToGrey } from '../lessons/imageDecode';
import type { DecodedImage, HostToWebview, LabView, PageStrings } from '../protocol';
import { saveState, vscode } from '../vscodeApi';
import { invalidatePalette } from './colors';
import { ModelLab } from './modelLab';

export class LabPage {
  private view: LabView;
  /** The view a revived page was showing; undefined on a fresh page. */
  private readonly savedView: LabView | undefined;
  private readonly tabs: Record<LabView, HTMLButtonElement>;
  private readonly panes: Record<LabView, HTMLElement>;
  private readonly convByHand: ConvByHandView;
  private readonly model: ModelLab;
  private readonly lesson: LessonView;

  constructor(root: HTMLElement, s: PageStrings) {
    this.savedView = vscode.getState()?.view;
    this.view = this.savedView ?? 'convByHand';
    const pane = (view: LabView): HTMLElement => el('div', { id: `pane-${view}`, role: 'tabpanel', 'aria-labelledby': `tab-${view}` });
    this.panes = { model: pane('model'), convByHand: pane('convByHand'), lesson: pane('lesson') };
    const order: LabView[] = ['model', 'convByHand', 'lesson'];
    const tab = (view: LabView, label: string): HTMLButtonElement => {
      const b = el('button', { role: 'tab', id: `tab-${view}`, class: 'tab', 'aria-controls': `pane-${view}` }, label);
      b.addEventListener('click', () => {
        this.setView(view);
        vscode.postMessage({ type: 'showView', view });
      });
      b.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        const other = order[(order.indexOf(view) + (e.key === 'ArrowRight' ? 1 : order.length - 1)) % order.length]!;
        this.tabs[other].focus();
        this.tabs[other].click();
      });
      return b;
    };
    this.tabs = { model: tab('model', s.modelTab!), convByHand: tab('convByHand', s.convByHandTab!), lesson: tab('lesson', s.lessonTab!) };
    this.lesson = new LessonView(this.panes.lesson, s);
    this.panes.lesson.append(el('p', { class: 'hint' }, s.lessonNone ?? ''));
    this.convByHand = new ConvByHandView(this.panes.convByHand, s);
    this.model = new ModelLab(this.panes.model, s);
    this.panes.convByHand.replaceChildren(el('p', { class: 'loading' }, s.loading ?? ''));
    this.panes.model.append();
    root.replaceChildren(el('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'ConvLab' }, this.tabs.model, this.tabs.convByHand, this.tabs.lesson), this.panes.model, this.panes.convByHand, this.panes.lesson);
    this.setView(this.view);
    // The theme's colours feed the canvases: redraw them when VS Code switches theme.
    new MutationObserver(() => {
      invalidatePalette();
      this.model.redraw();
      this.lesson.redraw();
      this.convByHand.redraw();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  private setView(view: LabView): void {
    this.view = view;
    saveState({ view });
    for (const v of ['model', 'convByHand', 'lesson'] as const) {
      this.panes[v].hidden = v !== view;
      this.tabs[v].setAttribute('aria-selected', v === view ? 'true' : 'false');
      this.tabs[v].tabIndex = v === view ? 0 : -1;
    }
  }

  /**
   * Asks the host for the saved view's content. Called before the page builds its views, so
   * the host (and the worker) work while it does; its answers wait in the message queue.
   */
  static announce(): void {
    const state = vscode.getState() ?? {};
    // Only a saved view is sent: a fresh page leaves the choice to the host (which opened it for a reason).
    vscode.postMessage({
      type: 'ready', view: state.view, mode: state.mode, lesson: state.lesson,
      ...(state.conv ? { conv: state.conv } : {}), ...(state.uri ? { uri: state.uri, model: state.model ?? 0 } : {}),
    });
  }

  receive(message: HostToWebview): void {
    switch (message.type) {
      case 'convByHand':
        this.setView('convByHand');
        this.convByHand.show(message.data);
        return;
      case 'lesson':
        this.setView('lesson');
        saveState({ lesson: message.data.lesson });
        this.lesson.show(message.data);
        return;
      case 'model':
        this.setView('model');
        this.model.show(message.data);
        return;
      case 'selectLayer':
        this.model.select(message.layer);
        return;
      case 'kernels':
        this.model.showKernels(message.data);
        return;
      case 'denseWeights':
        this.model.showDenseWeights(message.data);
        return;
      case 'featureMaps':
        this.model.showFeatureMaps(message.data);
        return;
      case 'training':
        this.model.showTraining(message.data);
        return;
      case 'ensemble':
        this.model.showEnsemble(message.data);
        return;
      case 'exportFigure':
        this.model.exportFigure(message.figure);
        return;
      case 'decodeImage': {
        const { token } = message;
        void decodeToGrey(message.bytes, message.mime)
          .catch((error: unknown): DecodedImage => ({ ok: false, error: error instanceof Error ? error.message : String(error) }))
          .then((decoded) => vscode.postMessage({ type: 'decodedImage', token, ...decoded }));
        return;
      }
      case 'sectionError':
        this.model.showError(message.section, message.message);
        return;
      case 'revealSection':
        this.model.reveal(message.section);
        return;
      default:
        return;
    }
  }
}
