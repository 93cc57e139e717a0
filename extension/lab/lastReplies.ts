/**
 * The worker's last few answers for the lab's views, keyed by what they were computed from
 * (the analysed model object, the weights object, the seed, the input), compared by identity.
 * Work started early — when the panel is being created, before its page has asked — is then
 * not done again when the page asks, and the page's second ask for the same feature maps
 * (after the model, after the kernels) costs nothing. A failed answer is not kept.
 */
export class LastReplies<V> {
  private entries: { key: readonly unknown[]; value: Promise<V> }[] = [];

  constructor(private readonly size: number) {}

  get(key: readonly unknown[], compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.find((e) => e.key.length === key.length && e.key.every((k, i) => k === key[i]));
    if (hit) return hit.value;
    const value = compute();
    this.entries = [{ key, value }, ...this.entries].slice(0, this.size);
    value.catch(() => (this.entries = this.entries.filter((e) => e.value !== value)));
    return value;
  }

  clear(): void {
    this.entries = [];
  }
}
