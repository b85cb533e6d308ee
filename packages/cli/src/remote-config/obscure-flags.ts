import { Flags } from '@oclif/core';

/** How config create/update store password options; rclone's --obscure and --no-obscure. */
export type PasswordMode = 'auto' | 'obscure' | 'as-given';

export const obscureFlags = {
  obscure: Flags.boolean({ description: 'Force any passwords to be obscured (even one that looks obscured already).', exclusive: ['no-obscure'] }),
  'no-obscure': Flags.boolean({ description: 'Force any passwords not to be obscured: they are given obscured already.', exclusive: ['obscure'] }),
};

export function passwordMode(flags: { obscure?: boolean; 'no-obscure'?: boolean }): PasswordMode {
  return flags.obscure ? 'obscure' : flags['no-obscure'] ? 'as-given' : 'auto';
}
