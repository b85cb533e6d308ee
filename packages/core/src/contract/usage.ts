/**
 * What a remote holds and has left, in bytes (objects: a count), as rclone's
 * fs.Usage. A field the backend cannot tell is left out, never guessed.
 */
export interface Usage {
  /** Quota or size of the storage. */
  total?: number;
  /** Bytes in use. */
  used?: number;
  /** Bytes in the trash. */
  trashed?: number;
  /** Bytes used by other things than this remote's files (other services on one account). */
  other?: number;
  /** Bytes that can still be stored before the quota is reached. */
  free?: number;
  /** Number of objects stored. */
  objects?: number;
}
