import type { BackendContext, OptionSpec, OptionType } from '../contract/index.js';
import { parseOption, type OptionValue } from '../config/option-values.js';
import { ConfigError, MissingOptionError } from '../errors/index.js';
import { missingRequired } from './option-rules.js';

/**
 * One option as a backend declares it: an OptionSpec named by its key in the
 * declaration, its examples read-only so `const` inference keeps their values
 * as literals (an exclusive option's reader type is their union).
 */
export type OptionDeclaration = Omit<OptionSpec, 'name' | 'examples'> & {
  examples?: readonly { readonly value: string; readonly help: string }[];
};

export type OptionDeclarations = Record<string, OptionDeclaration>;

type ChoiceOf<D> = D extends { exclusive: true; examples: readonly { value: infer V extends string }[] } ? V : never;
/** rclone: an exclusive option may be left empty unless it is required or has a default. */
type EmptyOf<D> = D extends { default: string } | { required: true } ? never : '';

/** What the reader gives for one declaration: bool -> boolean, int/size(bytes)/duration(ms) -> number, string -> string or its choices. */
export type DeclaredValue<D extends OptionDeclaration> = D['type'] extends 'bool'
  ? boolean
  : D['type'] extends 'string'
    ? [ChoiceOf<D>] extends [never] ? string : ChoiceOf<D> | EmptyOf<D>
    : number;

export type DeclaredValues<Ds extends OptionDeclarations> = { readonly [K in keyof Ds]: DeclaredValue<Ds[K]> };

export interface DeclaredOptions<Ds extends OptionDeclarations> {
  /** For the definition's `options`: what `rsyncish backends`, the wizard, flags and env vars read. */
  readonly specs: OptionSpec[];
  /**
   * Typed values from `ctx.options` (or plain strings, as in a config file),
   * defaults applied: a value not given is the declared default, else '',
   * false or 0 (rclone's zero values).
   */
  read(values: BackendContext['options'], where?: string): DeclaredValues<Ds>;
}

/**
 * Declare a backend's options once; the OptionSpecs and a typed reader both
 * come from the one declaration, so names, types and defaults cannot drift
 * apart. `const` keeps the example values as literals for the choice types.
 */
export function defineOptions<const Ds extends OptionDeclarations>(declarations: Ds): DeclaredOptions<Ds> {
  const specs: OptionSpec[] = Object.entries(declarations).map(([name, d]) => toSpec(name, d));
  // A bad default is the plugin author's bug: say so when the plugin loads, not when a user opens a remote.
  const defaults = new Map(specs.map((s) => [s.name, s.default === undefined || s.default === '' ? zeroValue(s) : parseOption(s, s.default, 'its default')]));
  return {
    specs,
    read(values, where = 'backend options') {
      const missing = missingRequired(specs, (name) => values[name]);
      if (missing) throw new MissingOptionError(missing.name, where, `give ${missing.name} a value in the remote's config section, or its flag or environment variable`);
      const out: Record<string, OptionValue> = {};
      for (const spec of specs) out[spec.name] = readOne(spec, values[spec.name], defaults.get(spec.name), where);
      return out as DeclaredValues<Ds>;
    },
  };
}

function toSpec(name: string, d: OptionDeclaration): OptionSpec {
  if (d.exclusive && !d.examples?.length) {
    throw new ConfigError(`option ${name} is exclusive but lists no examples to choose from`, { hint: 'give its examples, or drop exclusive' });
  }
  const { examples, ...rest } = d;
  const spec: OptionSpec = { name, ...rest };
  if (examples) spec.examples = examples.map((e) => ({ value: e.value, help: e.help }));
  return spec;
}

function zeroValue(spec: OptionSpec): OptionValue {
  return spec.type === 'string' ? '' : spec.type === 'bool' ? false : 0;
}

const JS_TYPE: Record<OptionType, string> = { string: 'string', bool: 'boolean', int: 'number', size: 'number', duration: 'number' };

/** Core has parsed values by type already; a plain string (a test, a hand-built context) is parsed here. */
function readOne(spec: OptionSpec, value: OptionValue, fallback: OptionValue, where: string): OptionValue {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'string' && spec.type !== 'string') return parseOption(spec, value, where);
  if (typeof value !== JS_TYPE[spec.type]) {
    throw new ConfigError(`invalid option ${spec.name} (${where}): expected a ${JS_TYPE[spec.type]} (${spec.type}), got a ${typeof value}`, { hint: `give it as text, as in a config file, or as a ${JS_TYPE[spec.type]}` });
  }
  if (typeof value === 'string') parseOption(spec, value, where);
  return value;
}
