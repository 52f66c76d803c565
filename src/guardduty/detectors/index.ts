/** Every built-in detector, fresh instances (each engine keeps its own baselines). */
import type { Detector } from '../detection.js';

export function createDetectors(): Detector[] {
  return [];
}
