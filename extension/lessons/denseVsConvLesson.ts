/**
 * Dense versus locally connected versus convolution (the lecture's "Locally Connected
 * Layers", "Sparse interactions", "Parameter sharing"): the same MNIST input and 32 maps of
 * 26×26 as each kind of layer, with the counts' formulas filled in by core/lessons.
 */
import * as vscode from 'vscode';
import { compareConnectivity, count, interactionGraph1d, num, type ConnectivityRow } from '../../core/lessons';
import type { LessonPageData } from '../../webview/protocol';
import { denseVsConvOwnSection } from './denseVsConvOwn';
import { page, section, type LessonBuilder, type LessonContext } from './lessonPage';

/** The walkthrough's example: 28×28×1 to 32 maps through a 3×3 window. */
export const DENSE_VS_CONV_GEOMETRY = { inputShape: [1, 28, 28] as const, filters: 32, kernelSize: [3, 3] as const };

export class DenseVsConvLesson implements LessonBuilder {
  build(context: LessonContext): LessonPageData {
    const t = vscode.l10n.t;
    const c = compareConnectivity({ inputShape: [...DENSE_VS_CONV_GEOMETRY.inputShape], filters: DENSE_VS_CONV_GEOMETRY.filters, kernelSize: [...DENSE_VS_CONV_GEOMETRY.kernelSize] });
    const rows = [c.dense, c.locallyConnected, c.conv];
    const row = (r: ConnectivityRow): string[] => [r.label, count(r.params), r.paramsFormula, count(r.connections), r.connectionsFormula, count(r.inputsPerOutput), r.weightsShared ? t('yes') : t('no'), r.pattern];
    const counts = section('counts', t('Parameters and connections'), {
      paragraphs: [t('Input {0} ({1} units), output {2} ({3} units).', c.inputShape.join('×'), count(c.inputUnits), c.outputShape.join('×'), count(c.outputUnits))],
      tables: [{
        caption: t('The same input and output sizes, three kinds of layer'),
        header: [t('layer'), t('parameters'), t('formula'), t('connections'), t('formula'), t('inputs per output'), t('weights shared'), t('patterns')],
        rows: rows.map(row),
      }],
      values: {
        denseParams: count(c.dense.params), denseConnections: count(c.dense.connections),
        locallyConnectedParams: count(c.locallyConnected.params), locallyConnectedConnections: count(c.locallyConnected.connections),
        convParams: count(c.conv.params), convConnections: count(c.conv.connections),
      },
    });
    const n = 7;
    const k = 3;
    const dense = interactionGraph1d(n, k, 'dense');
    const conv = interactionGraph1d(n, k, 'conv');
    const reach = (edges: readonly (readonly [number, number])[], i: number): string => edges.filter((e) => e[0] === i).map((e) => `s${e[1] + 1}`).join(' ');
    const sparse = section('sparse', t('Sparse interactions'), {
      paragraphs: [t('Dense layers learn global patterns; convolution learns local ones. In one dimension with {0} inputs and a kernel of width {1}, input x3 reaches:', n, k)],
      tables: [{ caption: t('Outputs that input x3 affects'), header: [t('layer'), t('outputs'), t('edges')], rows: [[t('dense'), reach(dense.edges, 2), String(dense.edges.length)], [t('convolution'), reach(conv.edges, 2), String(conv.edges.length)]] }],
    });
    const local = section('locallyConnected', t('Locally connected: sparse, but not shared'), {
      paragraphs: [t('A locally connected layer has the convolution\'s sparse windows but a separate kernel at every position: {0} parameters, {1}× the convolution\'s {2}. Dense needs {3}× as many.', count(c.locallyConnected.params), num(c.savings.locallyConnectedOverConv, 1), count(c.conv.params), num(c.savings.denseOverConv, 1))],
      values: { locallyConnectedOverConv: num(c.savings.locallyConnectedOverConv, 1), denseOverConv: num(c.savings.denseOverConv, 1) },
    });
    const sharing = section('sharing', t('Parameter sharing'), {
      paragraphs: [t('"Rather than learning a separate set of parameters for every location, we learn only one set": each convolution weight serves {0} connections.', count(c.conv.usesPerWeight))],
    });
    return page('denseVsConv', t('An MNIST image mapped to 32 feature maps of 26×26, by a dense layer, a locally connected layer and a convolution.'), [counts, sparse, local, sharing, denseVsConvOwnSection(context)]);
  }
}
