/**
 * A Map that holds at most `limit` keys: adding one more forgets the oldest insertion. Detectors
 * keep per-principal and per-key state in these so that a long replay or a busy server cannot
 * grow them without bound; forgetting a key only restarts what was being counted for it.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
