/** The AWS JSON RPC protocol codec (awsJson1_0 / awsJson1_1). */
export { jsonCodec } from './codec.js';
export { isJsonContentType } from './resolve-target.js';
