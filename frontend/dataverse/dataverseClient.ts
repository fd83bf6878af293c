/**
 * A typed client for the Dataverse Web API: queries with paging and change tracking, single-row
 * reads, the write operations the sync needs (create, create-only upsert, update, upsert, delete),
 * `$batch`, `WhoAmI` and table metadata. Every request goes through `DataverseHttp`, which retries, refreshes the token and
 * bounds concurrency for all calls of one client together.
 *
 * @example
 * const client = new DataverseClient({environmentUrl: 'https://contoso.crm.dynamics.com', tokenProvider});
 * const account = await client.getEntityDefinitionAsync(logicalName('account'));
 * const rows = await client.retrieveAllAsync(account, {select: ['name', 'telephone1']});
 */
import type {Guid, LogicalName} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import {
    buildBatchBody,
    parseBatchResponseIfValid,
    type BatchOperation,
    type BatchPartResponse,
} from './batch';
import {parseEnvironmentUrl} from './environmentUrl';
import type {
    ConditionalWriteOptions,
    DataverseClientOptions,
    EntityRow,
    RetrieveAllOptions,
    RetrieveOptions,
    WriteOptions,
} from './clientOptions';
import {
    createBadResponseError,
    DataverseError,
    type DataverseErrorContext,
    type DataverseOperation,
} from './errors';
import {
    DataverseHttp,
    type DataverseRequest,
    type DataverseResponse,
    type HttpMethod,
} from './http';
import {isJsonObject, type JsonObject} from './json';
import {
    ATTRIBUTE_PROPERTIES,
    ENTITY_DEFINITION_PROPERTIES,
    parseAttributeDefinitionsIfValid,
    parseEntityDefinitionIfValid,
    type AttributeDefinition,
    type EntityDefinition,
} from './metadata';
import {
    buildPreferValues,
    buildQueryString,
    formatEntityPath,
    formatStringLiteral,
    MAX_PAGE_SIZE,
    type QueryOptions,
} from './odata';
import {SYSTEM_CLOCK} from './systemClock';
import {
    parseWhoAmIIfValid,
    readPage,
    readWriteOutcome,
    type EntityPage,
    type WhoAmI,
    type WriteOutcome,
} from './responses';

export type {BatchOperation, BatchPartResponse} from './batch';
export type {EntityPage, WhoAmI, WriteOutcome} from './responses';
export type {
    ConditionalWriteOptions,
    DataverseClientOptions,
    EntityRow,
    RetrieveAllOptions,
    RetrieveOptions,
    WriteOptions,
} from './clientOptions';

/** What the sync needs of a one-to-many relationship to foresee a delete's cascade. */
const ONE_TO_MANY_RELATIONSHIP_PROPERTIES = [
    'ReferencingEntity',
    'ReferencingAttribute',
    'ReferencedEntity',
    'CascadeConfiguration',
] as const;

export class DataverseClient {
    /** Origin of the environment, such as `https://contoso.crm.dynamics.com`. */
    readonly environmentUrl: string;
    /** Web API root with a trailing slash, such as `…/api/data/v9.2/`. */
    readonly apiRoot: string;
    private readonly http: DataverseHttp;

    constructor(options: DataverseClientOptions) {
        const url = parseEnvironmentUrl(options.environmentUrl);
        this.environmentUrl = url.origin;
        this.apiRoot = url.apiRoot;
        this.http = new DataverseHttp({
            fetch: options.fetch ?? ((input, init) => fetch(input, init)),
            tokenProvider: options.tokenProvider,
            clock: options.clock ?? SYSTEM_CLOCK,
            maxConcurrentRequests: options.maxConcurrentRequests,
            retryPolicy: options.retryPolicy,
            random: options.random,
            logger: options.logger,
        });
    }

    /** Reads one page of rows. Pass its `nextLink` to `retrieveNextPageAsync` for the next one. */
    async retrieveMultipleAsync(
        entity: EntityRef,
        query: QueryOptions = {},
        options: RetrieveOptions = {},
    ): Promise<EntityPage> {
        const url = `${this.apiRoot}${entity.entitySetName}${buildQueryString(query)}`;
        return this.getPageAsync(url, entity, options);
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
        const context = {operation: 'read', tableDisplayName: entity.displayName} as const;
        if (!this.isOwnUrl(nextLink)) {
            throw createBadResponseError(
                context,
                `The next-page link points outside ${this.environmentUrl}.`,
            );
        }
        return this.getPageAsync(nextLink, entity, options);
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
        const pageOptions = withDefaultPageSize(options);
        const firstPage = await this.retrieveMultipleAsync(entity, query, pageOptions);
        return this.followPagesAsync(entity, firstPage, pageOptions);
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
        const pageOptions = withDefaultPageSize(options);
        if (!this.isOwnUrl(deltaLink)) {
            throw createBadResponseError(
                {operation: 'read', tableDisplayName: entity.displayName},
                `The delta link points outside ${this.environmentUrl}.`,
            );
        }
        const firstPage = await this.getPageAsync(deltaLink, entity, pageOptions);
        return this.followPagesAsync(entity, firstPage, pageOptions);
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
        const boundary = `batch_${globalThis.crypto.randomUUID()}`;
        const apiPath = new URL(this.apiRoot).pathname;
        const response = await this.http.sendAsync({
            method: 'POST',
            url: `${this.apiRoot}$batch`,
            context: options.context,
            rawBody: {
                contentType: `multipart/mixed; boundary="${boundary}"`,
                text: buildBatchBody(boundary, apiPath, operations),
            },
            prefer: buildPreferValues({continueOnError: true}),
            isTextResponse: true,
            signal: options.signal,
        });
        const parts =
            typeof response.body === 'string'
                ? parseBatchResponseIfValid(response.headers.get('Content-Type'), response.body)
                : null;
        if (parts === null || parts.length !== operations.length) {
            throw createBadResponseError(
                options.context,
                `The $batch response does not have one readable part for each of its ${operations.length} requests.`,
            );
        }
        return parts;
    }

    /** Follows `@odata.nextLink` from the first page until the last page. */
    private async followPagesAsync(
        entity: EntityRef,
        firstPage: EntityPage,
        options: RetrieveAllOptions,
    ): Promise<AllPages> {
        const rows: EntityRow[] = [];
        const seenLinks = new Set<string>();
        let page = firstPage;

        for (let pageCount = 1; ; pageCount += 1) {
            rows.push(...page.rows);
            options.onPage?.({pageCount, rowCount: rows.length});
            if (page.nextLink === null) {
                return {rows, deltaLink: page.deltaLink};
            }
            if (seenLinks.has(page.nextLink)) {
                const context = {operation: 'read', tableDisplayName: entity.displayName} as const;
                throw createBadResponseError(
                    context,
                    'Dynamics returned the same next-page link twice.',
                );
            }
            seenLinks.add(page.nextLink);
            page = await this.retrieveNextPageAsync(entity, page.nextLink, options);
        }
    }

    /** Reads one row, or returns null when it does not exist. */
    async retrieveIfExistsAsync(
        entity: EntityRef,
        id: Guid,
        options: {readonly select?: readonly string[]} & RetrieveOptions = {},
    ): Promise<EntityRow | null> {
        try {
            return await this.retrieveAsync(entity, id, options);
        } catch (error) {
            if (error instanceof DataverseError && error.code === 'notFound') {
                return null;
            }
            throw error;
        }
    }

    /** Reads one row, or throws a `notFound` `DataverseError` when it does not exist. */
    async retrieveAsync(
        entity: EntityRef,
        id: Guid,
        options: {readonly select?: readonly string[]} & RetrieveOptions = {},
    ): Promise<EntityRow> {
        const context = contextFor('read', entity, id);
        const query = buildQueryString({select: options.select});
        const response = await this.sendAsync('GET', this.rowUrl(entity, id) + query, context, {
            prefer: buildPreferValues({includeAnnotations: options.includeAnnotations}),
            signal: options.signal,
        });
        if (!isJsonObject(response.body)) {
            throw createBadResponseError(context, 'The row came back without a JSON object.');
        }
        return response.body;
    }

    /** Creates a row with an id Dataverse assigns (`POST`), and returns that id. */
    async createAsync(
        entity: EntityRef,
        values: JsonObject,
        options: WriteOptions = {},
    ): Promise<WriteOutcome> {
        const context = contextFor('create', entity);
        const url =
            this.apiRoot + entity.entitySetName + buildQueryString({select: options.select});
        const response = await this.sendWriteAsync('POST', url, context, values, options, {});
        return readWriteOutcome(response, entity, null, context);
    }

    /**
     * Creates a row with the given id, or throws an `alreadyExists` `DataverseError` when a row with
     * that id exists (`PATCH` with `If-None-Match: *`), so a retried create never updates or duplicates.
     */
    async createWithIdAsync(
        entity: EntityRef,
        id: Guid,
        values: JsonObject,
        options: WriteOptions = {},
    ): Promise<WriteOutcome> {
        const context = contextFor('create', entity, id);
        const url = this.rowUrl(entity, id) + buildQueryString({select: options.select});
        const headers = {'If-None-Match': '*'};
        const response = await this.sendWriteAsync('PATCH', url, context, values, options, headers);
        return readWriteOutcome(response, entity, id, context);
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
        const context = contextFor('update', entity, id);
        const url = this.rowUrl(entity, id) + buildQueryString({select: options.select});
        const headers = {'If-Match': options.ifMatch ?? '*'};
        const response = await this.sendWriteAsync('PATCH', url, context, values, options, headers);
        return readWriteOutcome(response, entity, id, context);
    }

    /** Creates the row when it is missing and updates it otherwise (`PATCH` without conditions). */
    async upsertAsync(
        entity: EntityRef,
        id: Guid,
        values: JsonObject,
        options: WriteOptions = {},
    ): Promise<WriteOutcome> {
        const context = contextFor('upsert', entity, id);
        const url = this.rowUrl(entity, id) + buildQueryString({select: options.select});
        const response = await this.sendWriteAsync('PATCH', url, context, values, options, {});
        return readWriteOutcome(response, entity, id, context);
    }

    /** Deletes a row, with `ifMatch` only if its version still matches. Cascades run in Dynamics. */
    async deleteAsync(
        entity: EntityRef,
        id: Guid,
        options: {readonly ifMatch?: string; readonly signal?: AbortSignal} = {},
    ): Promise<void> {
        const headers: Record<string, string> =
            options.ifMatch === undefined ? {} : {'If-Match': options.ifMatch};
        await this.sendAsync('DELETE', this.rowUrl(entity, id), contextFor('delete', entity, id), {
            headers,
            signal: options.signal,
        });
    }

    /** Returns the signed-in user's ids. It is the cheapest way to check the URL and the sign-in. */
    async whoAmIAsync(signal?: AbortSignal): Promise<WhoAmI> {
        const context = {operation: 'whoAmI'} as const;
        const response = await this.sendAsync('GET', `${this.apiRoot}WhoAmI`, context, {signal});
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
        return this.getMetadataAsync(tableLogicalName, {
            path: '',
            properties: ENTITY_DEFINITION_PROPERTIES,
            parse: parseEntityDefinitionIfValid,
            invalidMessage: 'The table definition lacks its names or primary columns.',
            signal,
        });
    }

    /** Reads the common properties of every column of a table. */
    async getAttributesAsync(
        tableLogicalName: LogicalName,
        signal?: AbortSignal,
    ): Promise<AttributeDefinition[]> {
        return this.getMetadataAsync(tableLogicalName, {
            path: '/Attributes',
            properties: ATTRIBUTE_PROPERTIES,
            parse: parseAttributeDefinitionsIfValid,
            invalidMessage: 'The column definitions came back without a value array.',
            signal,
        });
    }

    /**
     * Reads the table's one-to-many relationships: the lookups of other tables that point at it,
     * with their cascade configuration. Each item is returned as read, for the caller to narrow.
     */
    async getOneToManyRelationshipsAsync(
        tableLogicalName: LogicalName,
        signal?: AbortSignal,
    ): Promise<JsonObject[]> {
        return this.getMetadataAsync(tableLogicalName, {
            path: '/OneToManyRelationships',
            properties: ONE_TO_MANY_RELATIONSHIP_PROPERTIES,
            parse: body => {
                const items = isJsonObject(body) ? body.value : undefined;
                return Array.isArray(items) ? items.filter(isJsonObject) : null;
            },
            invalidMessage: 'The relationship definitions came back without a value array.',
            signal,
        });
    }

    /** Reads one metadata resource of a table and narrows it, or throws `badResponse`. */
    private async getMetadataAsync<T>(
        tableLogicalName: LogicalName,
        request: {
            readonly path: string;
            readonly properties: readonly string[];
            readonly parse: (body: unknown) => T | null;
            readonly invalidMessage: string;
            readonly signal: AbortSignal | undefined;
        },
    ): Promise<T> {
        const context = metadataContext(tableLogicalName);
        const select = request.properties.join(',');
        const url = `${this.entityDefinitionUrl(tableLogicalName)}${request.path}?$select=${select}`;
        const response = await this.sendAsync('GET', url, context, {signal: request.signal});
        const parsed = request.parse(response.body);
        if (parsed === null) {
            throw createBadResponseError(context, request.invalidMessage);
        }
        return parsed;
    }

    private async getPageAsync(
        url: string,
        entity: EntityRef,
        options: RetrieveOptions,
    ): Promise<EntityPage> {
        const context = {operation: 'read', tableDisplayName: entity.displayName} as const;
        const prefer = buildPreferValues({
            maxPageSize: options.maxPageSize,
            includeAnnotations: options.includeAnnotations,
            trackChanges: options.trackChanges,
        });
        const response = await this.sendAsync('GET', url, context, {
            prefer,
            signal: options.signal,
        });
        return readPage(response.body, context);
    }

    private async sendWriteAsync(
        method: HttpMethod,
        url: string,
        context: DataverseErrorContext,
        values: JsonObject,
        options: WriteOptions,
        headers: Readonly<Record<string, string>>,
    ): Promise<DataverseResponse> {
        const prefer = buildPreferValues({returnRepresentation: options.select !== undefined});
        return this.sendAsync(method, url, context, {
            body: values,
            headers,
            prefer,
            signal: options.signal,
        });
    }

    private async sendAsync(
        method: HttpMethod,
        url: string,
        context: DataverseErrorContext,
        extra: Pick<DataverseRequest, 'body' | 'headers' | 'prefer' | 'signal'>,
    ): Promise<DataverseResponse> {
        return this.http.sendAsync({method, url, context, ...extra});
    }

    private rowUrl(entity: EntityRef, id: Guid): string {
        return this.apiRoot + formatEntityPath(entity.entitySetName, id);
    }

    private entityDefinitionUrl(tableLogicalName: LogicalName): string {
        return `${this.apiRoot}EntityDefinitions(LogicalName=${formatStringLiteral(tableLogicalName)})`;
    }

    private isOwnUrl(url: string): boolean {
        try {
            return new URL(url).origin === this.environmentUrl;
        } catch {
            return false;
        }
    }
}

/** Every row of a read, and the delta link its last page carried, if any. */
export interface AllPages {
    readonly rows: EntityRow[];
    readonly deltaLink: string | null;
}

function withDefaultPageSize(options: RetrieveAllOptions): RetrieveAllOptions {
    return {...options, maxPageSize: options.maxPageSize ?? MAX_PAGE_SIZE};
}

function contextFor(
    operation: DataverseOperation,
    entity: EntityRef,
    recordId?: Guid,
): DataverseErrorContext {
    return {operation, tableDisplayName: entity.displayName, recordId};
}

function metadataContext(tableLogicalName: LogicalName): DataverseErrorContext {
    return {operation: 'readMetadata', tableDisplayName: tableLogicalName};
}
