/**
 * The object operations of S3: single objects (objects.ts), listings (listing.ts), object tags
 * (object-tagging.ts) and multipart uploads (multipart.ts, multipart-listing.ts).
 */
import type { OperationHandler } from '../types.js';
import { listingOperations } from './listing.js';
import { multipartOperations } from './multipart.js';
import { multipartListingOperations } from './multipart-listing.js';
import { taggingOperations } from './object-tagging.js';
import { copyOperations } from './object-copy.js';
import { objectCoreOperations } from './objects.js';

export const objectOperations: Record<string, OperationHandler> = {
  ...objectCoreOperations,
  ...copyOperations,
  ...listingOperations,
  ...taggingOperations,
  ...multipartOperations,
  ...multipartListingOperations,
};
