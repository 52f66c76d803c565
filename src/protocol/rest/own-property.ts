/**
 * Sets a key taken from the wire on a plain object. `obj[key] = v` with key `__proto__` would
 * replace the object's prototype instead of adding a map entry; this always adds the entry.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
