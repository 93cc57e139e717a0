/** The hexeditor habit: an owner registers what it creates and disposes all of it at once. */
export interface DisposableLike {
  dispose(): unknown;
}

export abstract class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposedFlag = false;

  protected get isDisposed(): boolean {
    return this.disposedFlag;
  }

  protected register<T extends DisposableLike>(d: T): T {
    if (this.disposedFlag) d.dispose();
    else this.owned.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    // Last registered first: later things may depend on earlier ones.
    for (const d of this.owned.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (error) {
        console.error('ConvLab: dispose failed', error);
      }
    }
  }
}
