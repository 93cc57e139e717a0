/**
 * Play/Pause for the window: a timer that steps it across the output at the chosen speed
 * and stops at the last cell. It never starts by itself on a page that asks for reduced
 * motion (prefers-reduced-motion): there the learner steps, or presses Play.
 */
export const SPEEDS: readonly number[] = [1, 2, 4, 10, 30];
export const DEFAULT_SPEED = 2;

export const prefersReducedMotion = (): boolean => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class Player {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    /** Moves one cell on; false when there is nothing left to step to. */
    private readonly step: () => boolean,
    private readonly onChange: (playing: boolean) => void,
  ) {}

  get playing(): boolean {
    return this.timer !== undefined;
  }

  play(stepsPerSecond: number): void {
    this.stopTimer();
    this.timer = setInterval(() => {
      if (!this.step()) this.pause();
    }, 1000 / stepsPerSecond);
    this.onChange(true);
  }

  pause(): void {
    if (!this.playing) return;
    this.stopTimer();
    this.onChange(false);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
