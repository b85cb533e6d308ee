import { ScaffoldError } from './scaffold-error.js';

/** Every name the generated project spells, derived from the backend type. */
export interface BackendNames {
  /** `type = mystore` in the config file. */
  type: string;
  /** `MystoreBackend`. */
  className: string;
  /** `rsyncish-backend-mystore`. */
  packageName: string;
  /** `MYSTORE`, as in the env var `RSYNCISH_MYSTORE_ROOT_DIR`. */
  envName: string;
}

/** What rsyncish's registry accepts as a type; checked here so the scaffold never writes a plugin it would refuse. */
const TYPE_NAME = /^[a-z][a-z0-9]*$/;

export function backendNames(type: string): BackendNames {
  if (!TYPE_NAME.test(type)) {
    throw new ScaffoldError(
      'ERR_BAD_TYPE_NAME',
      `${JSON.stringify(type)} is not a backend type name: use lowercase letters and digits, starting with a letter`,
      'for example: npm init @rsyncish/backend mystore',
    );
  }
  return {
    type,
    className: `${type[0]!.toUpperCase()}${type.slice(1)}Backend`,
    packageName: `rsyncish-backend-${type}`,
    envName: type.toUpperCase(),
  };
}
