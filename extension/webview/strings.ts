/** Every string the pages show, localized here in the host and handed to the page at load. */
import * as vscode from 'vscode';
import type { PageStrings } from '../../webview/protocol';

export function pageStrings(): PageStrings {
  const t = vscode.l10n.t;
  return {
    convByHandTitle: t('Convolution by hand'),
    convByHandIntro: t('The lecture\'s 5×5 input and 3×3 kernel. The kernel\'s window slides over the input; each output cell is the sum of the products under the window.'),
    input: t('Input I'),
    kernel: t('Kernel K'),
    slidKernelFlipped: t('Kernel as slid (flipped by 180°)'),
    output: t('Output S'),
    crossCorrelation: t('Cross-correlation (what Keras and PyTorch compute)'),
    convolution: t('True convolution (kernel flipped)'),
    formulaCrossCorrelation: t('S(i, j) = Σm Σn I(i + m, j + n) · K(m, n)'),
    formulaConvolution: t('S(i, j) = Σm Σn I(i − m, j − n) · K(m, n)'),
    previous: t('Previous'),
    next: t('Next'),
    keyboardHint: t('Arrow keys move the window; Home and End jump to the first and last cell.'),
    geometry: t('valid padding, stride 1: output size ⌊(5 − 3) / 1⌋ + 1 = 3'),
    cell: t('Cell'),
    loading: t('Computing in ConvLab\'s worker…'),
    sideIntro: t('ConvLab explains convolutional networks and dropout on your own model code.'),
    openConvByHand: t('Convolution by Hand'),
    showLog: t('Show Log'),
    sideLessons: t('Start with the lecture\'s worked example: a 5×5 input, a 3×3 kernel, step by step.'),
    summaryTitle: t('Model summary'),
    lessonsTitle: t('Lessons'),
    noModel: t('Open a Keras or PyTorch model file (or a .convlab.json) to see its layers here: output shapes, parameters, multiply-adds and receptive fields.'),
    colLayer: t('Layer (type)'),
    colOutput: t('Output shape'),
    colParams: t('Param #'),
    colMacs: t('Mult-adds'),
    colField: t('Receptive field'),
    totalParams: t('Total params:'),
    trainable: t('trainable'),
    nonTrainable: t('non-trainable'),
    inputLabel: t('input'),
    inputFromComment: t('from the # convlab: input comment'),
    inputFromSetting: t('from the convlab.pytorch.inputShape setting'),
    inputUnknown: t('unknown: add a # convlab: input 1x28x28 comment'),
    summaryOf: t('Summary of'),
  };
}
