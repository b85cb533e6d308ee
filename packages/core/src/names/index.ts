export { Enc, parseEncoding, formatEncoding, type EncodingFlag } from './encoding-flags.js';
export { NameEncoder, QUOTE } from './encoder.js';
export { NameCodec, STANDARD_ENCODING, BASE_ENCODING } from './standard.js';
export { displayName } from './display.js';
export { nameToBytes, bytesToName } from './invalid-bytes.js';
