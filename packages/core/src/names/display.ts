import { QUOTE } from './encoder.js';
import { hasInvalidBytes, nameToBytes } from './invalid-bytes.js';

const LONE_SURROGATES = /(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])+/g;

/**
 * Text for people: a name's invalid bytes shown as ‛XX, as ACD and the local
 * disk store them, instead of the U+FFFD a terminal would get (which would
 * make `report‛ED‛A0‛80.txt` look like `report\uFFFD.txt`).
 */
export function displayName(text: string): string {
  if (!hasInvalidBytes(text)) return text;
  return text.replace(LONE_SURROGATES, (run) =>
    [...nameToBytes(run)].map((b) => QUOTE + b.toString(16).toUpperCase().padStart(2, '0')).join(''));
}
