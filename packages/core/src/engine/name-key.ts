import type { Capabilities } from '../contract/index.js';
import { NameCodec } from '../names/index.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Which engine names are one name on a destination: those it would store as
 * the same string, after its name encoding, after what cannot travel as UTF-8
 * becomes U+FFFD, and after the case or normalization folding it declares.
 * `twin` folds normalization (NFC/NFD) in any case, for rclone's second
 * chance at a match.
 */
export class DestinationNames {
  private readonly codec?: NameCodec;
  readonly caseInsensitive: boolean;
  private readonly normalizationInsensitive: boolean;

  constructor(caps: Pick<Capabilities, 'nameEncoding' | 'caseInsensitive' | 'normalizationInsensitive'>, ignoreCase = false) {
    if (caps.nameEncoding !== undefined) this.codec = NameCodec.parse(caps.nameEncoding);
    this.caseInsensitive = ignoreCase || caps.caseInsensitive;
    this.normalizationInsensitive = caps.normalizationInsensitive === true;
  }

  /** The name the destination would store, as it compares names. */
  key(name: string): string {
    let stored = (this.codec ? this.codec.fromStandard(name) : name).replace(LONE_SURROGATE, '\uFFFD');
    if (this.normalizationInsensitive) stored = stored.normalize('NFC');
    return this.caseInsensitive ? stored.toLowerCase() : stored;
  }

  /** The key with Unicode normalization folded too (NFC). */
  twin(name: string): string {
    return this.key(name).normalize('NFC');
  }
}
