/**
 * Host messages, drawn in order, with a paint between a drawing and the next heavy one. The
 * host sends the model, its kernels and its feature maps back to back; drawn in one go, the
 * learner would see nothing until the last (hundreds of milliseconds for 2,048 kernel tiles
 * and seven layers of maps). Drawn this way the architecture strip shows at once, then the
 * kernels, then the maps — each as soon as it is ready.
 */
import type { HostToWebview } from './protocol';

const HEAVY: ReadonlySet<HostToWebview['type']> = new Set(['kernels', 'denseWeights', 'featureMaps', 'ensemble', 'lesson']);

/** Resolves once the browser has painted (a frame, then a task after it); a hidden page's frames may never come, so at most 100 ms. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(fallback);
      resolve();
    }, 0));
  });
}

export class PaintQueue {
  private readonly queue: HostToWebview[] = [];
  private draining = false;
  /** Something was drawn that the browser has not painted yet. */
  private unpainted = false;

  constructor(private readonly draw: (message: HostToWebview) => void) {}

  push(message: HostToWebview): void {
    this.queue.push(message);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let message = this.queue.shift(); message; message = this.queue.shift()) {
        if (HEAVY.has(message.type) && this.unpainted) await nextPaint();
        try {
          this.draw(message);
        } catch (error) {
          console.error('ConvLab page: drawing a message failed', error);
        }
        this.unpainted = true;
      }
    } finally {
      this.draining = false;
    }
    // The next message after a quiet spell finds the last drawing painted.
    void nextPaint().then(() => {
      if (!this.draining) this.unpainted = false;
    });
  }
}
