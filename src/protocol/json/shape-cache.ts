import type { ServiceModel } from '../../models/index.js';

/**
 * `compile` for a named shape of a model, memoized per model and shape name: what the JSON
 * codec compiles once (readers, writers) and then reuses for every request.
 */
export function perShape<T>(compile: (model: ServiceModel, shapeName: string) => T): (model: ServiceModel, shapeName: string) => T {
  const byModel = new WeakMap<ServiceModel, Map<string, T>>();
  return (model, shapeName) => {
    let compiled = byModel.get(model);
    if (!compiled) {
      compiled = new Map();
      byModel.set(model, compiled);
    }
    let value = compiled.get(shapeName);
    if (value === undefined) {
      value = compile(model, shapeName);
      compiled.set(shapeName, value);
    }
    return value;
  };
}
