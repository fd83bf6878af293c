/**
 * Loads the Dynamics metadata the mapping panel shows: the list of tables once per source, and
 * each listed table's columns once. Renders never fetch, so a table of 150 columns is read once
 * however often the panel re-renders.
 */
import {useEffect, useRef, useState} from 'react';
import type {LogicalName} from '../../sync/ids';
import type {ColumnSpec, EntityRef} from '../../sync/mapping';
import {describeError} from '../describeError';
import type {MappingMetadataSource} from './mappingMetadata';

export type Loadable<T> =
    | {readonly status: 'loading'}
    | {readonly status: 'loaded'; readonly value: T}
    | {readonly status: 'failed'; readonly message: string};

export interface MappingMetadata {
    readonly tables: Loadable<readonly EntityRef[]>;
    /** Returns the columns of a table passed in `entities`, loading until they arrive. */
    getColumns(entity: LogicalName): Loadable<readonly ColumnSpec[]>;
}

const LOADING = {status: 'loading'} as const;

export function useMappingMetadata(
    source: MappingMetadataSource,
    entities: readonly EntityRef[],
): MappingMetadata {
    const [tables, setTables] = useState<Loadable<readonly EntityRef[]>>(LOADING);
    const [columns, setColumns] = useState<ReadonlyMap<string, Loadable<readonly ColumnSpec[]>>>(
        new Map(),
    );
    const requested = entities.filter(entity => !columns.has(entity.logicalName));
    const requestedKey = requested.map(entity => entity.logicalName).join(',');

    useEffect(() => {
        const controller = new AbortController();
        setTables(LOADING);
        source.listTablesAsync(controller.signal).then(
            value => {
                if (!controller.signal.aborted) {
                    setTables({status: 'loaded', value});
                }
            },
            (error: unknown) => {
                if (!controller.signal.aborted) {
                    setTables({status: 'failed', message: describeTablesFailure(error)});
                }
            },
        );
        return () => controller.abort();
    }, [source]);

    // Results of a source that was replaced or unmounted are dropped.
    const currentSourceRef = useRef<MappingMetadataSource | null>(source);
    useEffect(() => {
        currentSourceRef.current = source;
        setColumns(new Map());
        return () => {
            currentSourceRef.current = null;
        };
    }, [source]);

    useEffect(() => {
        if (requested.length === 0) {
            return;
        }
        setColumns(current => withEntry(current, requested, LOADING));
        for (const entity of requested) {
            const setIfCurrent = (value: Loadable<readonly ColumnSpec[]>) => {
                if (currentSourceRef.current === source) {
                    setColumns(current => withEntry(current, [entity], value));
                }
            };
            source.readColumnsAsync(entity).then(
                value => setIfCurrent({status: 'loaded', value}),
                (error: unknown) =>
                    setIfCurrent({
                        status: 'failed',
                        message: describeColumnsFailure(entity, error),
                    }),
            );
        }
        // `requestedKey` changes exactly when `requested` does, which is a new array on every render.
    }, [source, requestedKey]);

    return {
        tables,
        getColumns: entity => columns.get(entity) ?? LOADING,
    };
}

function withEntry<T>(
    current: ReadonlyMap<string, T>,
    entities: readonly EntityRef[],
    value: T,
): ReadonlyMap<string, T> {
    const next = new Map(current);
    for (const entity of entities) {
        next.set(entity.logicalName, value);
    }
    return next;
}

function describeTablesFailure(error: unknown): string {
    return `Couldn't load the list of Dynamics tables: ${describeError(error)}`;
}

function describeColumnsFailure(entity: EntityRef, error: unknown): string {
    return (
        `Couldn't load the columns of the Dynamics table ${entity.displayName} ` +
        `(${entity.logicalName}): ${describeError(error)} Open the settings again to retry.`
    );
}
