import type { ProtocolName } from '../models/index.js';
import type { ProtocolCodec } from './codec.js';
import { ec2Codec } from './ec2/index.js';
import { jsonCodec } from './json/index.js';
import { queryCodec } from './query/index.js';
import { restJsonCodec } from './rest-json/index.js';
import { restXmlCodec } from './rest-xml/index.js';

export type { ProtocolCodec, ResponseContext } from './codec.js';
export type { HttpRequest, HttpResponse } from './http.js';

/** The codec of each wire-protocol family, by the model's `metadata.protocol`. */
export const protocolCodecs: Record<ProtocolName, ProtocolCodec> = {
  query: queryCodec,
  ec2: ec2Codec,
  json: jsonCodec,
  'rest-json': restJsonCodec,
  'rest-xml': restXmlCodec,
};
