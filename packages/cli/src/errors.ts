/** A usage, configuration or I/O problem: the CLI prints its one-line message and exits 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
