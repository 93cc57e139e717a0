/**
 * Convolution by hand's data: the learner's settings worked out by core/ in the worker
 * (both operations, the output-size arithmetic per axis), shaped for the page. MNIST
 * inputs make sure the worker has the dataset first.
 */
import type { Grid } from '../../core/conv/byHand';
import type { AxisArithmetic } from '../../core/lessons/convArithmetic';
import type { ConvByHandSettings } from '../../core/lessons/convByHandSetup';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { ConvAxisView, ConvByHandData, ConvModeName, GridData } from '../../webview/protocol';
import type { MnistLoader } from '../lab/mnist';
import type { WorkerClient } from '../worker/client';

// Float32Arrays cross to the page as they are: a 1024×1024 input is 4 MB, not a JSON array of a million numbers.
const toGridData = (g: Grid): GridData => ({ rows: g.rows, cols: g.cols, data: g.data });

const axisView = (a: AxisArithmetic): ConvAxisView => ({
  steps: a.steps,
  formula: a.formula,
  padBefore: a.window.padBefore,
  padAfter: a.window.padAfter,
  stride: a.window.stride,
  dilation: a.window.dilation,
  extent: a.extent,
  outSize: a.window.outSize,
  uncovered: a.uncovered,
});

export async function computeConvByHand(
  worker: WorkerClient<ConvLabJobs>, mnist: MnistLoader | undefined, settings: ConvByHandSettings, mode: ConvModeName,
): Promise<ConvByHandData> {
  if (settings.input.kind === 'mnist') {
    if (!mnist) throw new Error('MNIST is not available in this view');
    await mnist.ensure();
  }
  const r = await worker.request('convByHandLesson', { settings });
  return {
    mode,
    settings: r.settings,
    label: r.label,
    input: toGridData(r.input),
    kernel: toGridData(r.kernel),
    crossCorrelation: { slidKernel: toGridData(r.crossCorrelation.slidKernel), output: r.crossCorrelation.output && toGridData(r.crossCorrelation.output) },
    convolution: { slidKernel: toGridData(r.convolution.slidKernel), output: r.convolution.output && toGridData(r.convolution.output) },
    rows: axisView(r.rows),
    cols: axisView(r.cols),
    outputSize: r.outputSize,
    problem: r.problem,
    kernelSymmetric: r.kernelSymmetric,
    sameOutput: r.sameOutput,
  };
}
