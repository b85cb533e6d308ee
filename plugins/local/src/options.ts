import { defineOptions, NameCodec, type BackendContext } from '@rsyncish/core';

/** The options of the local backend, named as rclone's local backend names them. */
export const localOptions = defineOptions({
  copy_links: {
    help: 'Follow symlinks and copy the pointed to item (the global -L/--copy-links sets it too).',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  links: {
    help: 'Translate symlinks to and from regular files with a .rclonelink extension (the global -l/--links sets it too).',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  skip_links: {
    help: "Don't warn about skipped symlinks: you acknowledge that they should be skipped.",
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  no_check_updated: {
    help:
      "Don't check to see if files change during upload. Only the size stat gave when the " +
      'file was opened is read, so a growing file (a log) is copied as it was then.',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  one_file_system: {
    help: "Don't cross filesystem boundaries: directories that are mount points are not listed.",
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  no_set_modtime: {
    help:
      'Disable setting modtime. Useful when the user running rsyncish does not own the files ' +
      '(a CIFS mount owned by another user).',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  case_sensitive: {
    help: 'Force the filesystem to report itself as case sensitive.',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  case_insensitive: {
    help: 'Force the filesystem to report itself as case insensitive.',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  encoding: {
    help:
      'How names the filesystem cannot hold are written (rclone\'s encoding flags). The default ' +
      'follows the platform; see docs/backends/local.md.',
    type: 'string',
    default: platformEncoding(),
    advanced: true,
  },
});

/** The OptionSpecs of the local definition. */
export const LOCAL_OPTIONS = localOptions.specs;

export interface LocalOptions {
  copyLinks: boolean;
  skipLinks: boolean;
  /** Symlinks are `.rclonelink` files (rclone's -l/--links). */
  links: boolean;
  noCheckUpdated: boolean;
  oneFileSystem: boolean;
  noSetModTime: boolean;
  caseInsensitive: boolean;
  /** On-disk names <-> the engine's standard names. */
  names: NameCodec;
}

/**
 * rclone's local encoding for the platform, except that on Linux invalid
 * UTF-8 is written as ‛XX as rclone does on macOS: Node cannot name a file
 * with raw invalid bytes through string paths, and ‛XX brings the same bytes
 * back when the file is copied out again.
 */
export function platformEncoding(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    return 'Slash,LtGt,DoubleQuote,Colon,Question,Asterisk,Pipe,BackSlash,Ctl,RightSpace,RightPeriod,InvalidUtf8,Dot';
  }
  return 'Slash,InvalidUtf8,Dot';
}

/** The platforms whose default filesystems fold case (rclone's rule). */
export function platformIsCaseInsensitive(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** The options, with the global flags that set the same thing (-L, --skip-links, -x, -l) on top. */
export function readLocalOptions(ctx: Pick<BackendContext, 'options' | 'globals'>): LocalOptions {
  const o = localOptions.read(ctx.options, 'local');
  return {
    copyLinks: o.copy_links || ctx.globals.copyLinks === true,
    skipLinks: o.skip_links || ctx.globals.skipLinks === true,
    links: o.links || ctx.globals.links === true,
    noCheckUpdated: o.no_check_updated,
    oneFileSystem: o.one_file_system || ctx.globals.oneFileSystem === true,
    noSetModTime: o.no_set_modtime,
    caseInsensitive: o.case_sensitive ? false : o.case_insensitive ? true : platformIsCaseInsensitive(),
    names: NameCodec.parse(o.encoding, 'option encoding of local'),
  };
}
