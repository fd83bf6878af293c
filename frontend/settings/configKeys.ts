/**
 * The globalConfig keys the extension uses. globalConfig is shared with every collaborator of the
 * installation and readable by all of them, so it holds only settings, never a token or a secret.
 */
export const ConfigKeys = {
    /** The Dataverse environment's address, such as `https://contoso.crm.dynamics.com`. */
    environmentUrl: 'environmentUrl',
    /** The directory (tenant) id of the app registration: a GUID or a verified domain. */
    tenantId: 'tenantId',
    /** The application (client) id of the app registration, a GUID. */
    clientId: 'clientId',
    /**
     * The sign-in host that replaces Microsoft Entra ID, such as `https://127.0.0.1:8443`. Only
     * the local development provider uses it, and production builds reject any value but empty.
     */
    authorityHost: 'authorityHost',
    /** Which side wins when a field changed on both sides: a `ConflictPolicy`. */
    conflictPolicy: 'conflictPolicy',
    /** An object from Airtable table id to the ISO time of the table's last successful sync. */
    lastSyncedAt: 'lastSyncedAt',
    /**
     * An object from Airtable table id to the `TableDeltaState` of the table's last successful
     * sync, mostly the Dynamics delta link the next sync reads changes through.
     */
    deltaStates: 'deltaStates',
    /**
     * The field mapping: a `StoredMapping` (see `mapping/storedMapping.ts`), which names tables and
     * fields by id. Read it only through `parseStoredMapping`.
     */
    mapping: 'mapping',
    /** The last runs' times, outcomes and counts: a `StoredRunHistory`. */
    runHistory: 'runHistory',
    /** Whether every sync that writes anything waits for approval of its preview: a boolean. */
    previewEveryRun: 'previewEveryRun',
    /** The percentage of a table's rows or records a sync may delete without approval: 0 to 100. */
    maxDeletePercent: 'maxDeletePercent',
    /** Minutes between automatic syncs: one of `AUTO_SYNC_MINUTES`, or null for off. */
    autoSyncMinutes: 'autoSyncMinutes',
} as const;

export type ConfigKey = (typeof ConfigKeys)[keyof typeof ConfigKeys];
