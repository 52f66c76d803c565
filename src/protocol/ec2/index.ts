export { ec2Codec } from './ec2-codec.js';
