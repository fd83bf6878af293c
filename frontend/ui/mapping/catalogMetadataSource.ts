/** Reads the mapping panel's metadata from Dataverse through a `MetadataCatalog`. */
import type {MetadataCatalog} from '../../dataverse/metadataCatalog';
import type {EntityRef} from '../../sync/mapping';
import type {MappingMetadataSource} from './mappingMetadata';

export function createCatalogMetadataSource(catalog: MetadataCatalog): MappingMetadataSource {
    return {
        listTablesAsync: async signal => {
            const tables = await catalog.listSyncableTablesAsync(signal);
            return tables.map(toEntityRef);
        },
        readColumnsAsync: async (entity, signal) => {
            const {columns} = await catalog.readTableColumnsAsync(entity, signal);
            return columns;
        },
    };
}

/** Keeps only the names the stored mapping keeps, so a saved entry contains nothing else. */
function toEntityRef(table: EntityRef): EntityRef {
    const {logicalName, entitySetName, primaryIdAttribute, primaryNameAttribute, displayName} =
        table;
    return {logicalName, entitySetName, primaryIdAttribute, primaryNameAttribute, displayName};
}
