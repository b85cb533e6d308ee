import type { OptionSpec } from '../contract/definition.js';
import { OptionChoiceError } from '../errors/index.js';

/**
 * Refuse a value outside an exclusive option's examples, as rclone's wizard
 * does for an `Exclusive` option. Empty means "not set" and passes here; a
 * required option is checked by `missingRequired`. Examples of an option that
 * is not exclusive are suggestions, and any value passes (rclone's rule).
 */
export function checkChoice(spec: OptionSpec, raw: string, where: string): void {
  if (!spec.exclusive || raw === '' || !spec.examples?.length) return;
  const choices = spec.examples.map((e) => e.value);
  if (choices.includes(raw)) return;
  const secret = spec.secret || spec.password;
  throw new OptionChoiceError(spec.name, where, secret ? 'the value given' : JSON.stringify(raw), choices);
}

/** The first required option that has neither a value nor a default. */
export function missingRequired(specs: readonly OptionSpec[], valueOf: (name: string) => unknown): OptionSpec | undefined {
  return specs.find((spec) => {
    if (!spec.required || (spec.default !== undefined && spec.default !== '')) return false;
    const v = valueOf(spec.name);
    return v === undefined || v === '';
  });
}
