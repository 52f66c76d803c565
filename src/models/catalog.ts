import { readFileSync } from 'node:fs';
import type { ServiceMetadata } from './types.js';
import { generatedDir } from './paths.js';

/** The small index of every generated service (metadata only), for routing and coverage. */
export interface CatalogEntry extends ServiceMetadata {
  operations: number;
  modelOperations: number;
}

let catalog: Record<string, CatalogEntry> | undefined;

export function serviceCatalog(): Record<string, CatalogEntry> {
  catalog ??= JSON.parse(readFileSync(new URL('index.json', generatedDir), 'utf8')) as Record<string, CatalogEntry>;
  return catalog;
}
