/**
 * The words the page writes before each named number of a lesson. The names stay stable
 * (the page reports them back, the tests read them); the labels are localized here.
 */
import * as vscode from 'vscode';

export function valueLabels(): Readonly<Record<string, string>> {
  const t = vscode.l10n.t;
  return {
    input: t('input X'), mask: t('mask number'), kept: t('units kept'), output: t('output'), maskProbability: t('this mask\'s probability'),
    masksThisNet: t('masks of this net'), masks4096: t('masks of 4096 units'), exponent4096: t('power of ten'),
    expectation: t('E[a] over the masks'), closedForm: t('closed form'),
    neuronStandard: t('standard: E = test output'), neuronInverted: t('inverted: E = test output'),
    denseParams: t('dense parameters'), denseConnections: t('dense connections'),
    locallyConnectedParams: t('locally connected parameters'), locallyConnectedConnections: t('locally connected connections'),
    convParams: t('convolution parameters'), convConnections: t('convolution connections'),
    locallyConnectedOverConv: t('locally connected ÷ convolution'), denseOverConv: t('dense ÷ convolution'),
    state: t('state'), depths: t('depths'), dataset: t('dataset'), finished: t('finished'), results: t('validation accuracy by depth'),
    maxInterior: t('largest difference inside'), maxBorder: t('largest difference at the border'), interiorCells: t('cells inside'),
    finalField: t('field of the last layer'), layers: t('layers'),
    image: t('image'), imageSize: t('image size (columns×rows)'), mapSize: t('map size (columns×rows)'), gxRange: t('G_x response range'), gyRange: t('G_y response range'), magnitudeMax: t('largest magnitude'), gx: t('G_x entries'),
    flatten_denseAnySize: t('any input size'), global_poolAnySize: t('any input size'),
    ownModel: t('your model'), ownLayers: t('dense and convolution layers'), ownFields: t('field per layer'), ownJumps: t('jump per layer'),
    ownFinalField: t('largest local field'), ownAnySize: t('any input size'), ownCulprit: t('tied to one size by'), ownEnabler: t('any size thanks to'),
  };
}
