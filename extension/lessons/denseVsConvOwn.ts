/**
 * Dense versus convolution on the learner's model: each of its convolution (and locally
 * connected) layers, and each Dense layer right after a Flatten, beside the other two kinds
 * of layer with the same input and output sizes (core/lessons/connectivity.ts).
 */
import * as vscode from 'vscode';
import { count, modelConnectivity, type ConnectivityRow, type ModelLayerConnectivity } from '../../core/lessons';
import type { LessonSection, LessonTable } from '../../webview/protocol';
import type { LessonContext } from './lessonPage';
import { ownModelSection, type Filled } from './ownModelSection';

const shape = (s: readonly number[] | null): string => (s ? s.join('×') : '?');

function comparison(l: ModelLayerConnectivity): LessonTable {
  const t = vscode.l10n.t;
  const a = l.alternatives!;
  const yours = (r: ConnectivityRow): string => (r.kind === l.kind ? `${r.label} ${t('← yours')}` : r.label);
  const window = l.flattenedFrom
    ? t('{0} ({1}) after Flatten of {2}: a window as large as the map, one position', l.name, l.type, l.flattenedFrom.join('×'))
    : t('{0} ({1}): {2} → {3}', l.name, l.type, a.inputShape.join('×'), a.outputShape.join('×'));
  return {
    caption: window,
    header: [t('layer'), t('parameters'), t('formula'), t('connections'), t('inputs per output'), t('weights shared'), t('patterns')],
    rows: [a.dense, a.locallyConnected, a.conv].map((r) => [yours(r), count(r.params), r.paramsFormula, count(r.connections), count(r.inputsPerOutput), r.weightsShared ? t('yes') : t('no'), r.pattern]),
  };
}

export function denseVsConvOwnSection(context: LessonContext): LessonSection {
  const t = vscode.l10n.t;
  return ownModelSection(context, t('In your model'), (_own, model): Filled => {
    const c = modelConnectivity(model);
    if (c.layers.length === 0) return { paragraphs: [t('Your model has no dense, convolution or locally connected layer yet.')], values: { ownLayers: '0' } };
    const compared = c.layers.filter((l) => l.alternatives);
    const overview: LessonTable = {
      caption: t('Your dense and convolution layers'),
      header: [t('layer'), t('type'), t('input'), t('output'), t('parameters'), t('connections'), t('weights shared'), t('patterns')],
      rows: c.layers.map((l) => [l.name, l.type, shape(l.inputShape), shape(l.outputShape), l.params === null ? '?' : count(l.params),
        l.connections === null ? '?' : count(l.connections), l.weightsShared ? t('yes') : t('no'), l.pattern]),
    };
    const values: Record<string, string> = { ownLayers: c.layers.map((l) => l.name).join(' · ') };
    const valueLabels: Record<string, string> = {};
    for (const l of compared) {
      const a = l.alternatives!;
      values[`params:${l.name}`] = `${count(a.dense.params)} / ${count(a.locallyConnected.params)} / ${count(a.conv.params)}`;
      valueLabels[`params:${l.name}`] = t('{0}: parameters as dense / locally connected / convolution', l.name);
    }
    const paragraphs = [t('Each of your convolution layers beside a dense and a locally connected layer with the same input and output sizes. Sparse windows cut the dense layer\'s weights; sharing one kernel across positions cuts them again.')];
    if (compared.some((l) => l.flattenedFrom)) {
      paragraphs.push(t('A Dense layer after Flatten sees the whole map at once: as a window it is as large as its input, with one position, so dense, locally connected and convolution coincide. Sparsity and sharing only save where a window is smaller than its input.'));
    }
    return { paragraphs, tables: [overview, ...compared.map(comparison)], values, valueLabels };
  });
}
