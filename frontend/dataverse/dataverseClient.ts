/**
 * A typed client for the Dataverse Web API: queries with paging and change tracking, single-row
 * reads, the write operations the sync needs (create, create-only upsert, update, upsert, delete),
 * `$batch`, `WhoAmI` and table metadata. Every request goes through `DataverseHttp`, which
 * retries, refreshes the token and bounds concurrency for all calls of one client together. The
 * requests themselves are built in `pagedReads`, `rowOperations`, `batchRequest` and
 * `definitionReads`.
 *
 * @example
 * const client = new DataverseClient({environmentUrl: 'https://contoso.crm.dynamics.com', tokenProvider});
 * const account = await client.getEntityDefinitionAsync(logicalName('account'));
 * const rows = await client.retrieveAllAsync(account, {select: ['name', 'telephone1']});
 */
import type {Guid, LogicalName} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import type {BatchOperation, BatchPartResponse} from './batch';
import {executeBatchAsync} from './batchRequest';
import {sendAsync, type ClientConnection} from './clientConnection';
import type {
    ConditionalWriteOptions,
    DataverseClientOptions,
    EntityRow,
    RetrieveAllOptions,
    RetrieveOptions,
    RetrieveRowOptions,
    WriteOptions,
} from './clientOptions';
import * as definitionReads from './definitionReads';
import {parseEnvironmentUrl} from './environmentUrl';
import {createBadResponseError, type DataverseErrorContext} from './errors';
import {DataverseHttp} from './http';
import type {JsonObject} from './json';
import type {AttributeDefinition, EntityDefinition} from './metadata';
import type {QueryOptions} from './odata';
import * as pagedReads from './pagedReads';
import type {AllPages} from './pagedReads';
import {parseWhoAmIIfValid, type EntityPage, type WhoAmI, type WriteOutcome} from './responses';
import * as rowOperations from './rowOperations';
import {SYSTEM_CLOCK} from './systemClock';

export type {BatchOperation, BatchPartResponse} from './batch';
export type {AllPages} from './pagedReads';
export type {EntityPage, WhoAmI, WriteOutcome} from './responses';
export type {
    ConditionalWriteOptions,
    DataverseClientOptions,
    EntityRow,
    RetrieveAllOptions,
    RetrieveOptions,
    RetrieveRowOptions,
    WriteOptions,
} from './clientOptions';

export class DataverseClient {
    /** Origin of the environment, such as `https://contoso.crm.dynamics.com`. */
    readonly environmentUrl: string;
    /** Web API root with a trailing slash, such as `…/api/data/v9.2/`. */
    readonly apiRoot: string;
    private readonly connection: ClientConnection;

    constructor(options: DataverseClientOptions) {
        const url = parseEnvironmentUrl(options.environmentUrl);
        this.environmentUrl = url.origin;
        this.apiRoot = url.apiRoot;
        const http = new DataverseHttp({
            fetch: options.fetch ?? ((input, init) => fetch(input, init)),
            tokenProvider: options.tokenProvider,
            clock: options.clock ?? SYSTEM_CLOCK,
            maxConcurrentRequests: options.maxConcurrentRequests,
            retryPolicy: options.retryPolicy,
            random: options.random,
            logger: options.logger,
        });
        this.connection = {environmentUrl: this.environmentUrl, apiRoot: this.apiRoot, http};
    }

    /** Reads one page of rows. Pass its `nextLink` to `retrieveNextPageAsync` for the next one. */
    async retrieveMultipleAsync(
        entity: EntityRef,
        query: QueryOptions = {},
        options: RetrieveOptions = {},
    ): Promise<EntityPage> {
        return pagedReads.retrieveMultipleAsync(this.connection, entity, query, options);
    }

    /**
     * Reads the page behind a `nextLink`, which must point to this environment. Pass the options of
     * the first page, so the same `Prefer` values are sent.
     */
    async retrieveNextPageAsync(
        entity: EntityRef,
        nextLink: string,
        options: RetrieveOptions = {},
    ): Promise<EntityPage> {
        return pagedReads.retrieveNextPageAsync(this.connection, entity, nextLink, options);
    }

    /** Reads every row, following `@odata.nextLink` until the last page. */
    async retrieveAllAsync(
        entity: EntityRef,
        query: QueryOptions = {},
        options: RetrieveAllOptions = {},
    ): Promise<EntityRow[]> {
        const result = await this.retrieveAllPagesAsync(entity, query, options);
        return result.rows;
    }

    /**
     * Reads every row like `retrieveAllAsync` and returns the last page's `@odata.deltaLink` too,
     * which Dynamics sends when `trackChanges` is set.
     */
    async retrieveAllPagesAsync(
        entity: EntityRef,
        query: QueryOptions = {},
        options: RetrieveAllOptions = {},
    ): Promise<AllPages> {
        return pagedReads.retrieveAllPagesAsync(this.connection, entity, query, options);
    }

    /**
     * Reads the changes behind a delta link, following every page, and returns the changed rows,
     * the `$deletedEntity` items among them, and the next delta link. The link must point to this
     * environment, so the token is never sent elsewhere.
     */
    async retrieveChangesAsync(
        entity: EntityRef,
        deltaLink: string,
        options: RetrieveAllOptions = {},
    ): Promise<AllPages> {
        return pagedReads.retrieveChangesAsync(this.connection, entity, deltaLink, options);
    }

    /**
     * Sends the operations as one `$batch` with `Prefer: odata.continue-on-error`, each as its own
     * part and not in a change set, so one failure rolls nothing else back. Returns one response
     * per operation, in order. Throws a `DataverseError` when the batch itself fails.
     */
    async executeBatchAsync(
        operations: readonly BatchOperation[],
        options: {readonly context: DataverseErrorContext; readonly signal?: AbortSignal},
    ): Promise<BatchPartResponse[]> {
        return executeBatchAsync(this.connection, operations, options);
    }

    /** Reads one row, or returns null when it does not exist. */
    async retrieveIfExistsAsync(
        entity: EntityRef,
        id: Guid,
        options: RetrieveRowOptions = {},
    ): Promise<EntityRow | null> {
        return rowOperations.retrieveIfExistsAsync(this.connection, entity, id, options);
    }

    /** Reads one row, or throws a `notFound` `DataverseError` when it does not exist. */
    async retrieveAsync(
        entity: EntityRef,
        id: Guid,
        options: RetrieveRowOptions = {},
    ): Promise<EntityRow> {
        return rowOperations.retrieveAsync(this.connection, entity, id, options);
    }

    /** Creates a row with an id Dataverse assigns (`POST`), and returns that id. */
    async createAsync(
        entity: EntityRef,
        values: JsonObject,
        options: WriteOptions = {},
    ): Promise<WriteOutcome> {
        return rowOperations.createAsync(this.connection, entity, values, options);
    }

    /**
     * Creates a row with the given id, or throws an `alreadyExists` `DataverseError` when a row
     * with that id exists (`PATCH` with `If-None-Match: *`), so a retried create never updates or
     * duplicates.
     */
    async createWithIdAsync(
        entity: EntityRef,
        id: Guid,
        values: JsonObject,
        options: WriteOptions = {},
    ): Promise<WriteOutcome> {
        return rowOperations.createWithIdAsync(this.connection, entity, id, values, options);
    }

    /**
     * Updates an existing row. `ifMatch` defaults to `*`, which keeps the `PATCH` from creating a
     * missing row. A version makes a changed row fail with `versionMismatch`.
     */
    async updateAsync(
        entity: EntityRef,
        id: Guid,
        values: JsonObject,
        options: ConditionalWriteOptions = {},
    ): Promise<WriteOutcome> {
        return rowOperations.updateAsync(this.connection, entity, id, values, options);
    }

    /** Creates the row when it is missing and updates it otherwise (`PATCH` without conditions). */
    async upsertAsync(
        entity: EntityRef,
        id: Guid,
        values: JsonObject,
        options: WriteOptions = {},
    ): Promise<WriteOutcome> {
        return rowOperations.upsertAsync(this.connection, entity, id, values, options);
    }

    /** Deletes a row, with `ifMatch` only if its version still matches. Cascades run in Dynamics. */
    async deleteAsync(
        entity: EntityRef,
        id: Guid,
        options: {readonly ifMatch?: string; readonly signal?: AbortSignal} = {},
    ): Promise<void> {
        return rowOperations.deleteAsync(this.connection, entity, id, options);
    }

    /** Returns the signed-in user's ids. It is the cheapest way to check the URL and the sign-in. */
    async whoAmIAsync(signal?: AbortSignal): Promise<WhoAmI> {
        const context = {operation: 'whoAmI'} as const;
        const url = `${this.apiRoot}WhoAmI`;
        const response = await sendAsync(this.connection, 'GET', url, context, {signal});
        const whoAmI = parseWhoAmIIfValid(response.body);
        if (whoAmI === null) {
            throw createBadResponseError(
                context,
                'The WhoAmI response lacks UserId, BusinessUnitId or OrganizationId.',
            );
        }
        return whoAmI;
    }

    /** Reads a table's names, primary columns and capabilities, usable as the sync's `EntityRef`. */
    async getEntityDefinitionAsync(
        tableLogicalName: LogicalName,
        signal?: AbortSignal,
    ): Promise<EntityDefinition> {
        return definitionReads.getEntityDefinitionAsync(this.connection, tableLogicalName, signal);
    }

    /** Reads the common properties of every column of a table. */
    async getAttributesAsync(
        tableLogicalName: LogicalName,
        signal?: AbortSignal,
    ): Promise<AttributeDefinition[]> {
        return definitionReads.getAttributesAsync(this.connection, tableLogicalName, signal);
    }

    /**
     * Reads the table's one-to-many relationships: the lookups of other tables that point at it,
     * with their cascade configuration. Each item is returned as read, for the caller to narrow.
     */
    async getOneToManyRelationshipsAsync(
        tableLogicalName: LogicalName,
        signal?: AbortSignal,
    ): Promise<JsonObject[]> {
        return definitionReads.getOneToManyRelationshipsAsync(
            this.connection,
            tableLogicalName,
            signal,
        );
    }
}
