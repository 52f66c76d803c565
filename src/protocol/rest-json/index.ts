export { restJsonCodec } from './codec.js';
