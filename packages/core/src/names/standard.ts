import { Enc, formatEncoding, parseEncoding } from './encoding-flags.js';
import { NameEncoder } from './encoder.js';

/**
 * The engine's names are rclone's "standard" names: NUL, `/`, control
 * characters and DEL replaced, and whole `.`/`..` names. A backend decodes
 * each name it lists into this form and encodes each name it writes out of
 * it, so a name a web UI typed with `／` or a `‛` stays that name everywhere.
 */
export const STANDARD_ENCODING = Enc.Zero | Enc.Slash | Enc.Ctl | Enc.Del | Enc.Dot;
/** rclone's `Base`: what every backend must encode at least (NUL, `/`, `.`/`..`). */
export const BASE_ENCODING = Enc.Zero | Enc.Slash | Enc.Dot;

const standard = new NameEncoder(STANDARD_ENCODING);

/** One backend's name mapping between its stored names and the engine's standard names. */
export class NameCodec {
  private readonly enc: NameEncoder;

  constructor(readonly mask: number) {
    this.enc = new NameEncoder(mask);
  }

  static parse(text: string): NameCodec {
    return new NameCodec(parseEncoding(text));
  }

  get text(): string {
    return formatEncoding(this.mask);
  }

  /** A name as the backend stores it -> the engine's name (rclone's ToStandardName). */
  toStandard(stored: string): string {
    return this.mask === STANDARD_ENCODING ? stored : standard.encode(this.enc.decode(stored));
  }

  /** The engine's name -> the name the backend stores (rclone's FromStandardName). */
  fromStandard(name: string): string {
    return this.mask === STANDARD_ENCODING ? name : this.enc.encode(standard.decode(name));
  }

  /** Each `/`-separated part of a path through toStandard. */
  toStandardPath(path: string): string {
    return path === '' ? '' : path.split('/').map((p) => this.toStandard(p)).join('/');
  }

  /** Each `/`-separated part of a path through fromStandard. */
  fromStandardPath(path: string): string {
    return path === '' ? '' : path.split('/').map((p) => this.fromStandard(p)).join('/');
  }
}
