export { restXmlCodec } from './codec.js';
export { virtualHostBucket, s3PathStyle, S3_ENDPOINT_PATTERNS } from './s3-addressing.js';
