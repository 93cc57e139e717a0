/**
 * Dropout, step by step (the lecture's slides "Dropout", "Dropout: Test time", "Inverted
 * Dropout"): one training pass of the lecture's 3-layer net with a sampled mask, the
 * ensemble count 2^n, the single neuron's expectation over its four masks, and test-time
 * scaling against inverted dropout. Every number comes from core/lessons/dropoutSteps.
 */
import * as vscode from 'vscode';
import {
  dropoutEnsemble, dropoutForwardPass, dropoutTestTime, LECTURE_DROPOUT_CODE, LECTURE_DROPOUT_INPUT, LECTURE_FC_UNITS, LECTURE_KEEP_PROB,
  lectureDropoutNet, num, singleNeuronLesson,
} from '../../core/lessons';
import type { LessonPageData } from '../../webview/protocol';
import { page, section, type LessonBuilder } from './lessonPage';

/** The single neuron's numbers: w1x1 = 2 and w2x2 = 3, so p(w1x1 + w2x2) = 2.5 is easy to check by hand. */
export const NEURON = { w1: 1, x1: 2, w2: 3, x2: 1 } as const;

const vec = (v: readonly number[]): string => `[${v.map((x) => num(x, 3)).join(', ')}]`;

export class DropoutLesson implements LessonBuilder {
  private maskIndex = 0;
  private readonly net = lectureDropoutNet(0);

  action(action: string): void {
    if (action === 'resampleMask') this.maskIndex++;
  }

  build(): LessonPageData {
    const t = vscode.l10n.t;
    const p = LECTURE_KEEP_PROB;
    const pass = dropoutForwardPass(this.net, LECTURE_DROPOUT_INPUT, { keepProb: p, seed: 0, maskIndex: this.maskIndex });
    const forward = section('forward', t('One training pass with a sampled mask'), {
      paragraphs: [t('The lecture\'s network X → H1 → H2 → out with p = {0} (the probability of keeping a unit). Each unit of H1 and H2 is kept when rand < p; a dropped unit is 0 for this pass.', num(p))],
      code: LECTURE_DROPOUT_CODE.standard.trainStep,
      tables: [
        ...pass.masked.map((m) => ({
          caption: t('{0} and its mask {1}', m.name, m.maskName),
          header: [t('unit'), t('before the mask'), m.maskName, t('after the mask')],
          rows: m.beforeMask.map((v, i) => [`${m.name}[${i}]`, num(v, 3), String(m.kept[i]), num(m.afterMask[i]!, 3)]),
        })),
      ],
      values: {
        input: vec(pass.input),
        mask: `${pass.maskIndex + 1}`,
        kept: t('{0} of {1} units', pass.kept, pass.units),
        output: vec(pass.output),
        maskProbability: `${num(p)}^${pass.kept} · ${num(1 - p)}^${pass.units - pass.kept} = ${pass.maskProbability.toExponential(3)}`,
      },
      actions: [{ action: 'resampleMask', label: t('Sample another mask'), primary: true }],
    });

    const small = dropoutEnsemble(pass.units);
    const fc = dropoutEnsemble(LECTURE_FC_UNITS);
    const ensemble = section('ensemble', t('Each mask is one model: an ensemble of 2^n'), {
      paragraphs: [
        t('Every mask picks a sub-network that shares the weights; training samples one per pass. With n units there are 2^n masks.'),
        t('"An FC layer with 4096 units has 2^4096 ∼ 10^1233 possible masks" — far more than could ever be trained one by one.'),
        t('On a real model — yours, when an open editor holds one with a Dropout layer, else the Keras example — the lab samples masks one by one, shows each sub-network\'s prediction, and compares their average with the test pass.'),
      ],
      tables: [{
        caption: t('Number of masks (models) for n units'),
        header: [t('units n'), t('masks 2^n')],
        rows: [1, 2, 4, pass.units, 100, LECTURE_FC_UNITS].map((n) => [String(n), dropoutEnsemble(n).count.text]),
      }],
      values: { masksThisNet: small.count.text, masks4096: fc.count.text, exponent4096: String(fc.count.exponent) },
      actions: [{ action: 'maskEnsembles', label: t('Sample the ensemble of a real model') }],
    });

    const n = singleNeuronLesson(NEURON.w1, NEURON.x1, NEURON.w2, NEURON.x2, p);
    const neuron = section('singleNeuron', t('Test time: one neuron a = w1x1 + w2x2'), {
      paragraphs: [t('With w1 = {0}, x1 = {1}, w2 = {2}, x2 = {3} and both inputs dropped, the expected output over the four masks is p(w1x1 + w2x2).', NEURON.w1, NEURON.x1, NEURON.w2, NEURON.x2)],
      tables: [{
        caption: t('The four masks of the two inputs'),
        header: [t('mask [x1, x2]'), t('probability'), t('a under the mask'), t('probability × a')],
        rows: n.neuron.terms.map((term) => [`[${term.mask.join(', ')}]`, num(term.probability), num(term.activation), num(term.contribution)]),
      }],
      values: {
        expectation: num(n.neuron.expectation),
        closedForm: `p(w1x1 + w2x2) = ${num(p)}·(${num(NEURON.w1 * NEURON.x1)} + ${num(NEURON.w2 * NEURON.x2)}) = ${num(n.neuron.closedForm)}`,
      },
    });

    const tt = dropoutTestTime(this.net, LECTURE_DROPOUT_INPUT, p);
    const testTime = section('testTime', t('Test-time scaling versus inverted dropout'), {
      paragraphs: [
        t('Standard dropout multiplies the activations by p at test time; inverted dropout divides by p during training and leaves the test pass alone. Both give the test pass the training pass\'s expectation.'),
        t('For the single neuron: standard E = {0}, test output {1}; inverted E = {2}, test output {3}.', num(n.standard.trainExpectation), num(n.standard.testOutput), num(n.inverted.trainExpectation), num(n.inverted.testOutput)),
      ],
      code: ['# standard dropout: predict scales by p', ...LECTURE_DROPOUT_CODE.standard.predict, '', '# inverted dropout: training divided by p', ...LECTURE_DROPOUT_CODE.inverted.predict],
      tables: [{
        caption: t('The network\'s test pass against the exact average over all 2^{0} masks', tt.units),
        header: [t('convention'), t('kept unit in training ×'), t('test time ×'), t('test output'), t('exact expectation'), t('largest gap')],
        rows: [tt.standard, tt.inverted].map((c) => [c.convention, num(c.keptMultiplier), num(c.testMultiplier), vec(c.testOutput), c.expectation ? vec(c.expectation) : '—', c.gap === null ? '—' : num(c.gap, 4)]),
      }],
      values: {
        neuronStandard: `${num(n.standard.trainExpectation)} = ${num(n.standard.testOutput)}`,
        neuronInverted: `${num(n.inverted.trainExpectation)} = ${num(n.inverted.testOutput)}`,
      },
    });
    return page('dropout', t('Dropout keeps each unit with probability p during training. Sample a mask, count the models it samples from, and see why the test pass scales.'), [forward, ensemble, neuron, testTime]);
  }
}
