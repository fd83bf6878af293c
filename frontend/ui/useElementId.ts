import {useState} from 'react';

let lastId = 0;

/**
 * Returns an id unique in the page and kept for the component's lifetime, for `aria-describedby`
 * and similar links between elements. React 17 has no `useId`.
 */
export function useElementId(prefix: string): string {
    const [id] = useState(() => {
        lastId += 1;
        return `${prefix}-${lastId}`;
    });
    return id;
}
