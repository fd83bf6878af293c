/** Ends an exhaustive `switch`: the compiler rejects the call while a case is still unhandled. */
export function assertNever(value: never): never {
    throw new Error(`Unexpected value ${JSON.stringify(value)}; a case is missing in a switch.`);
}
