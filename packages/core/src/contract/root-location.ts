/**
 * Where an opened remote's root sits in its storage, so that two remotes can be
 * told apart or found nested one inside the other (rclone's Name() and Root()).
 * The engine refuses to sync a tree into itself from this alone.
 */
export interface RootLocation {
  /**
   * Equal for two remotes that reach the same storage: a configured remote's
   * type and name, or `local` for every local path whatever its spelling.
   */
  store: string;
  /** The root inside that store, `/`-separated; a leading or trailing `/` does not count. */
  path: string;
  /** `A` and `a` are the same name there, so paths compare case-folded. */
  caseInsensitive: boolean;
}
