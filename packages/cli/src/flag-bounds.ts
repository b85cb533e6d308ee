/**
 * Upper bounds of the integer flags. rclone's are Go ints; a JavaScript
 * number past 2^53 silently loses digits (99999999999999999999 becomes 1e20),
 * so every integer flag has a maximum and a value past it is refused in one
 * line.
 */
export const MAX_INT = Number.MAX_SAFE_INTEGER;

/**
 * --transfers and --checkers: each transfer holds buffers and open files, and
 * past a few hundred parallel operations nothing goes faster while memory
 * grows with the count (3,000 at once peaked at 809 MB). 1000 leaves room for
 * many small files on a high-latency remote.
 */
export const MAX_PARALLEL = 1000;
