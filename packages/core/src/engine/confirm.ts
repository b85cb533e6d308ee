/**
 * What -i/--interactive asks about, in rclone's words: together with the
 * subject they make rclone's question `rclone: copy "a.txt"?`, and a "skip
 * all" or "do all" answer holds for one of these words.
 */
export type DestructiveAction =
  | 'copy'
  | 'move'
  | 'delete'
  | 'move into backup dir'
  | 'update modification time'
  | 'make directory'
  | 'remove directory'
  | 'server-side directory move';

/**
 * -i/--interactive: asked before each destructive step, one question at a
 * time; resolves true to go ahead, false to skip that step. The engine
 * accounts a skipped step as a dry run does (rclone's SkipDestructive).
 */
export type Confirm = (action: DestructiveAction, subject: string) => Promise<boolean>;
