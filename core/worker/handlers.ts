/** The jobs of ConvLab's worker: each one a thin call into core/. */
import { convolveByHand } from '../conv/byHand';
import type { Handlers } from './loop';
import type { ConvLabJobs } from './protocol';

export function convLabHandlers(workerId: string, startedAt: number): Handlers<ConvLabJobs> {
  return {
    ping: () => ({ workerId, startedAt }),
    convByHand: ({ input, kernel, mode, window }) => convolveByHand(input, kernel, mode, window),
  };
}
