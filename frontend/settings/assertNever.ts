/** Ends an exhaustive switch: the compiler rejects the call while any case is unhandled. */
export function assertNever(value: never): never {
    throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
