import { Enc, formatEncoding, parseEncoding } from './encoding-flags.js';
import { NameEncoder, PLAIN_NAME, QUOTE } from './encoder.js';

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

  static parse(text: string, where?: string): NameCodec {
    return new NameCodec(parseEncoding(text, where));
  }

  get text(): string {
    return formatEncoding(this.mask);
  }

  /**
   * A name as the backend stores it -> the engine's name (rclone's
   * ToStandardName). rclone always writes a ‛ in a name doubled, and reads a
   * bare one as itself, so `it‛s` and `it‛‛s` on a server both mean "it‛s".
   * The engine keeps them apart: a name stored in rclone's spelling gets
   * rclone's standard name, one stored with a bare ‛ gets the standard name
   * with that ‛ bare too, and fromStandard spells each back as it was.
   */
  toStandard(stored: string): string {
    if (this.mask === STANDARD_ENCODING || PLAIN_NAME.test(stored)) return stored;
    const raw = this.enc.decode(stored);
    const name = standard.encode(raw);
    if (!stored.includes(QUOTE) || this.enc.encode(raw) === stored) return name;
    const bare = standard.encodeBare(raw);
    return bare !== name && this.enc.encodeBare(raw) === stored ? bare : name;
  }

  /** The engine's name -> the name the backend stores (rclone's FromStandardName). */
  fromStandard(name: string): string {
    if (this.mask === STANDARD_ENCODING || PLAIN_NAME.test(name)) return name;
    const raw = standard.decode(name);
    if (!name.includes(QUOTE) || standard.encode(raw) === name) return this.enc.encode(raw);
    return this.enc.encodeBare(raw);
  }

  /** Each `/`-separated part of a path through fromStandard. */
  fromStandardPath(path: string): string {
    return path === '' ? '' : path.split('/').map((p) => this.fromStandard(p)).join('/');
  }
}
