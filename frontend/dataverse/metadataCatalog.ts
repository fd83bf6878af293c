/**
 * Reads what the settings panel needs to map tables from live metadata: the tables a user can
 * sync and the columns of one table as `ColumnSpec`s. Reads run through a `DataverseHttp`, so they
 * retry, refresh the token and bound the requests in flight like the client's.
 *
 * @example
 * const catalog = createMetadataCatalog({environmentUrl, tokenProvider, fetch, clock});
 * const tables = await catalog.listSyncableTablesAsync();
 * const {columns, unsupported} = await catalog.readTableColumnsAsync(tables[0]);
 */
import {entitySetName, logicalName, type LogicalName} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import {createBadResponseError, type DataverseErrorContext} from './errors';
import type {DataverseClientOptions} from './clientOptions';
import {parseEnvironmentUrl} from './environmentUrl';
import {DataverseHttp} from './http';
import {SYSTEM_CLOCK} from './systemClock';
import type {JsonObject} from './json';
import {getBooleanIfExists, getStringIfExists} from './json';
import {ATTRIBUTE_PROPERTIES, getLabelIfExists} from './metadata';
import {
    CHOICE_METADATA_TYPES,
    parseLookupNavigations,
    readValueItems,
    toTableColumns,
    TYPED_ATTRIBUTE_QUERIES,
    type TableColumns,
} from './metadataColumns';

/** The parts of a client the catalog uses: its HTTP layer and Web API root. */
export interface MetadataTransport {
    /** Web API root with a trailing slash, such as `…/api/data/v9.2/`. */
    readonly apiRoot: string;
    readonly http: Pick<DataverseHttp, 'sendAsync'>;
}

/** A table the user can sync: change tracking is on, so delta reads work. */
export interface SyncableTable extends EntityRef {
    /** The plural name people see in Dynamics, such as "Accounts", or null when not reported. */
    readonly displayCollectionName: string | null;
}

const NAMESPACE = 'Microsoft.Dynamics.CRM.';

const TABLE_PROPERTIES = [
    'LogicalName',
    'EntitySetName',
    'PrimaryIdAttribute',
    'PrimaryNameAttribute',
    'DisplayName',
    'DisplayCollectionName',
    'ChangeTrackingEnabled',
    'IsIntersect',
    'IsPrivate',
] as const;

const NAVIGATION_PROPERTIES = [
    'ReferencingAttribute',
    'ReferencedEntity',
    'ReferencingEntityNavigationPropertyName',
] as const;

/**
 * Builds a catalog with its own HTTP layer, set up as `DataverseClient` sets up its own.
 * NOTE: its bound on requests in flight is separate from a sync's client, so a metadata read
 * during a run may send up to twice the default number of requests at once.
 */
export function createMetadataCatalog(options: DataverseClientOptions): MetadataCatalog {
    const http = new DataverseHttp({
        fetch: options.fetch ?? ((input, init) => fetch(input, init)),
        tokenProvider: options.tokenProvider,
        clock: options.clock ?? SYSTEM_CLOCK,
        maxConcurrentRequests: options.maxConcurrentRequests,
        retryPolicy: options.retryPolicy,
        random: options.random,
        logger: options.logger,
    });
    return new MetadataCatalog({
        apiRoot: parseEnvironmentUrl(options.environmentUrl).apiRoot,
        http,
    });
}

export class MetadataCatalog {
    private readonly transport: MetadataTransport;
    private tablesPromise: Promise<JsonObject[]> | null = null;

    constructor(transport: MetadataTransport) {
        this.transport = transport;
    }

    /**
     * Lists the tables with change tracking on, leaving out intersect (many-to-many) and private
     * tables, sorted by display name.
     * NOTE: a table the user has no read privilege on is still listed. Its first read then fails
     * with the forbidden message, which names the missing privilege.
     */
    async listSyncableTablesAsync(signal?: AbortSignal): Promise<SyncableTable[]> {
        const items = await this.readAllTablesAsync(signal);
        return items
            .filter(
                item =>
                    getBooleanIfExists(item, 'ChangeTrackingEnabled') === true &&
                    getBooleanIfExists(item, 'IsIntersect') !== true &&
                    getBooleanIfExists(item, 'IsPrivate') !== true,
            )
            .flatMap(item => parseSyncableTableIfValid(item) ?? [])
            .sort((a, b) => a.displayName.localeCompare(b.displayName));
    }

    /** Reads the columns of one table, with the details of each type, option sets and lookups. */
    async readTableColumnsAsync(entity: EntityRef, signal?: AbortSignal): Promise<TableColumns> {
        const context: DataverseErrorContext = {
            operation: 'readMetadata',
            tableDisplayName: entity.displayName,
        };
        const root = this.entityUrl(entity.logicalName);
        const [attributes, details, navigations, tables] = await Promise.all([
            this.getJsonAsync(
                `${root}/Attributes?$select=${[...ATTRIBUTE_PROPERTIES, 'AttributeOf'].join(',')}`,
                context,
                signal,
            ),
            this.readDetailsAsync(root, context, signal),
            this.readItemsAsync(
                `${root}/ManyToOneRelationships?$select=${NAVIGATION_PROPERTIES.join(',')}`,
                context,
                signal,
            ),
            this.readAllTablesAsync(signal),
        ]);

        const entitySetNames = new Map(
            tables.flatMap(item => {
                const name = getStringIfExists(item, 'LogicalName');
                const setName = getStringIfExists(item, 'EntitySetName');
                return name === null || setName === null ? [] : [[name, setName] as const];
            }),
        );
        const columns = toTableColumns(
            {attributes, details, navigations: parseLookupNavigations(navigations), entitySetNames},
            entity.primaryIdAttribute,
        );
        if (columns === null) {
            throw createBadResponseError(
                context,
                'The column definitions came back without a value array.',
            );
        }
        return columns;
    }

    /** Reads the type-specific properties of every column, one request per metadata type. */
    private async readDetailsAsync(
        root: string,
        context: DataverseErrorContext,
        signal: AbortSignal | undefined,
    ): Promise<Map<string, JsonObject>> {
        const typed = TYPED_ATTRIBUTE_QUERIES.map(
            query =>
                `${root}/Attributes/${NAMESPACE}${query.metadataType}` +
                `?$select=LogicalName,${query.properties.join(',')}`,
        );
        const choices = CHOICE_METADATA_TYPES.map(
            type =>
                `${root}/Attributes/${NAMESPACE}${type}` +
                '?$select=LogicalName&$expand=OptionSet($select=Options)',
        );
        const responses = await Promise.all(
            [...typed, ...choices].map(url => this.readItemsAsync(url, context, signal)),
        );
        const details = new Map<string, JsonObject>();
        for (const item of responses.flat()) {
            const name = getStringIfExists(item, 'LogicalName');
            if (name !== null) {
                details.set(name, {...details.get(name), ...item});
            }
        }
        return details;
    }

    /** Reads every table's names once per catalog; a failed read is tried again next time. */
    private readAllTablesAsync(signal: AbortSignal | undefined): Promise<JsonObject[]> {
        if (this.tablesPromise === null) {
            const context: DataverseErrorContext = {operation: 'readMetadata'};
            const url = `${this.transport.apiRoot}EntityDefinitions?$select=${TABLE_PROPERTIES.join(',')}`;
            this.tablesPromise = this.readItemsAsync(url, context, signal);
            this.tablesPromise.catch(() => {
                this.tablesPromise = null;
            });
        }
        return this.tablesPromise;
    }

    private async readItemsAsync(
        url: string,
        context: DataverseErrorContext,
        signal: AbortSignal | undefined,
    ): Promise<JsonObject[]> {
        const items = readValueItems(await this.getJsonAsync(url, context, signal));
        if (items === null) {
            throw createBadResponseError(context, 'The metadata came back without a value array.');
        }
        return items;
    }

    private async getJsonAsync(
        url: string,
        context: DataverseErrorContext,
        signal: AbortSignal | undefined,
    ): Promise<unknown> {
        const response = await this.transport.http.sendAsync({method: 'GET', url, context, signal});
        return response.body;
    }

    private entityUrl(name: LogicalName): string {
        return `${this.transport.apiRoot}EntityDefinitions(LogicalName='${name}')`;
    }
}

function parseSyncableTableIfValid(item: JsonObject): SyncableTable | null {
    try {
        const name = logicalName(getStringIfExists(item, 'LogicalName') ?? '');
        return {
            logicalName: name,
            entitySetName: entitySetName(getStringIfExists(item, 'EntitySetName') ?? ''),
            primaryIdAttribute: logicalName(getStringIfExists(item, 'PrimaryIdAttribute') ?? ''),
            primaryNameAttribute: logicalName(
                getStringIfExists(item, 'PrimaryNameAttribute') ?? '',
            ),
            displayName: getLabelIfExists(item.DisplayName) ?? name,
            displayCollectionName: getLabelIfExists(item.DisplayCollectionName),
        };
    } catch {
        return null;
    }
}
