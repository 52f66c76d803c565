/**
 * The findings a caller sees that match filters (GetFindings, insights, UpdateFindings): the
 * filters compiled once, each visible scope's in-memory index scanned. A filter AWS refuses is
 * an InvalidInputException.
 */
import { compileFilters, FilterError, type CompiledFilters } from '../../securityhub/filters/compile.js';
import type { Selected } from '../../securityhub/finding-index.js';
import type { RequestContext } from '../types.js';
import { invalidInput } from './errors.js';
import { findingIndex } from './finding-index-cache.js';
import { callerScope } from './hubs.js';
import { visibleScopes } from './visibility.js';

/** Runs `build`, turning a refused filter into InvalidInputException. */
export function checkedFilters<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof FilterError) throw invalidInput(err.message);
    throw err;
  }
}

export function compiledFilters(filters: unknown): CompiledFilters {
  return checkedFilters(() => compileFilters(filters));
}

/** Every visible finding matching `filters`, each with its values of `fields`. */
export async function selectFindings(ctx: RequestContext, filters: CompiledFilters, fields: readonly string[] = []): Promise<Selected[]> {
  const parts: Selected[][] = [];
  for (const scope of await visibleScopes(ctx.store, callerScope(ctx))) parts.push((await findingIndex(ctx.store, scope)).select(filters, fields));
  return parts.length === 1 ? parts[0]! : parts.flat();
}
