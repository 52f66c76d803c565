import type { OperationHandler } from '../types.js';

/**
 * Wraps every operation that may write so that it empties a service's cache once it ran
 * (succeeded or not): `reads` says which operations change nothing the cache holds.
 */
export function invalidatingWrites(handlers: Record<string, OperationHandler>, reads: (operation: string) => boolean, invalidate: () => void): Record<string, OperationHandler> {
  const out: Record<string, OperationHandler> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    out[name] = reads(name)
      ? handler
      : async (ctx, input) => {
          try {
            return await handler(ctx, input);
          } finally {
            invalidate();
          }
        };
  }
  return out;
}
