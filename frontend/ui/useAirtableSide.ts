import type {Base} from '@airtable/blocks/models';
import {useEffect, useRef} from 'react';
import {createAirtableSide, type AirtableRunSide} from '../airtable/airtableSide';

/**
 * Returns one Airtable adapter for as long as the component is mounted, and unloads its record
 * queries on unmount. Keeping the queries loaded between runs matters for Airtable's TestDriver
 * (the sandbox and tests), which drops record updates once no query of the table is loaded.
 */
export function useAirtableSide(base: Base): AirtableRunSide {
    const sideRef = useRef<{readonly base: Base; readonly side: AirtableRunSide} | null>(null);
    if (sideRef.current === null || sideRef.current.base !== base) {
        sideRef.current?.side.unloadAll();
        sideRef.current = {base, side: createAirtableSide(base)};
    }

    useEffect(() => () => sideRef.current?.side.unloadAll(), []);
    return sideRef.current.side;
}
