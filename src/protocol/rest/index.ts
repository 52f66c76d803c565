/** The HTTP-binding machinery shared by the rest-json and rest-xml codecs. */
export { createRestCodec } from './rest-codec.js';
export type { RestDialect } from './dialect.js';
export { routerFor, RestRouter, type RouteMatch } from './router.js';
