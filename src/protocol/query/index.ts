export { queryCodec } from './query-codec.js';
// Shared with the ec2 variant of the protocol.
export { isFlattened, serializedName, type QueryDialect } from './dialect.js';
export { BadParameter, readInput } from './input-reader.js';
export { requestParams, type RequestParams } from './request-params.js';
export { wireError, errorFields, type WireError } from './modelled-errors.js';
export { writeMembers } from './xml-writer.js';
