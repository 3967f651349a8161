/**
 * The server must never fall over: a bug in one feature becomes a logged error and an empty answer, never a
 * dead server (product.md, "Never falls over"). Under vscode-languageserver, console output goes to the
 * client's log, not to stdout.
 */
export function logError(where: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`caserec: ${where} failed: ${detail}`);
}

/** Runs a feature; on an exception, logs it and gives the fallback answer. */
export function guarded<T>(where: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isCancellation(error)) throw error;
    logError(where, error);
    return fallback;
  }
}

/** The async twin of `guarded`. Cancellation is passed on: it is how Langium stops stale work. */
export async function guardedAsync<T>(where: string, fallback: T, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isCancellation(error)) throw error;
    logError(where, error);
    return fallback;
  }
}

function isCancellation(error: unknown): boolean {
  // Langium's OperationCancelled is a symbol; LSP cancellations are ResponseErrors with code -32800.
  return typeof error === 'symbol' || (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === -32800);
}
