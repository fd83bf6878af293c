/**
 * The fixed ids and names of the emulated org: the user WhoAmI returns, which org and
 * business unit they belong to, and the base currency.
 */
export const EMULATOR_IDENTITY = {
    organizationId: 'c0ffee00-0000-4000-8000-0000000000f3',
    organizationName: 'Contoso (local emulator)',
    businessUnitId: 'c0ffee00-0000-4000-8000-0000000000f1',
    /** The user WhoAmI returns when the token check names no user of its own. */
    defaultUserId: 'c0ffee00-0000-4000-8000-0000000000f2',
    defaultUserName: 'Local Developer',
    /** The tenant named in the `WWW-Authenticate` challenge of a 401. */
    tenantId: 'c0ffee00-0000-4000-8000-0000000000f4',
    baseCurrencyId: 'c0ffee00-0000-4000-8000-0000000000c1',
} as const;
