export type * from './types.js';
export { ServiceModel, loadServiceModel } from './service-model.js';
export { serviceCatalog, type CatalogEntry } from './catalog.js';
export { packageRoot } from './paths.js';
