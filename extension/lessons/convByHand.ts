/** The first lesson's data: the lecture's example, computed by core/ in the worker. */
import { gridFromRows, type Grid } from '../../core/conv/byHand';
import { LECTURE_INPUT_5X5, LECTURE_KERNEL_3X3 } from '../../core/lecture';
import type { ConvLabJobs } from '../../core/worker/protocol';
import type { ConvByHandData, ConvModeName, GridData } from '../../webview/protocol';
import type { WorkerClient } from '../worker/client';

const toGridData = (g: Grid): GridData => ({ rows: g.rows, cols: g.cols, data: Array.from(g.data) });

export async function computeConvByHand(worker: WorkerClient<ConvLabJobs>, mode: ConvModeName): Promise<ConvByHandData> {
  const window = { stride: 1, padding: 0, dilation: 1 };
  const r = await worker.request('convByHand', {
    input: gridFromRows(LECTURE_INPUT_5X5),
    kernel: gridFromRows(LECTURE_KERNEL_3X3),
    mode,
    window,
  });
  return {
    mode: r.mode,
    input: toGridData(r.input),
    kernel: toGridData(r.kernel),
    slidKernel: toGridData(r.slidKernel),
    output: toGridData(r.output),
    ...r.window,
  };
}
