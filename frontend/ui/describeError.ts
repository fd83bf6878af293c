/** Returns the message of a caught value, which may be any thrown value, not only an `Error`. */
export function describeError(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
