/**
 * A native button that covers a whole list row, for rows that open something on a click. It keeps
 * the row's own layout, which the Blocks UI kit's one-line buttons cannot, and shows a focus ring
 * for keyboard users.
 */
import {loadCSSFromString} from '@airtable/blocks/ui';
import type {ReactNode} from 'react';

const CLASS_NAME = 'dynamics-sync-row-button';

// Browsers without `:focus-visible` skip only the last rule, so they keep the ring on every focus.
const ROW_BUTTON_CSS = `
.${CLASS_NAME} {
    display: block; width: 100%; margin: 0; padding: 4px; border: 0; border-radius: 3px;
    background: none; color: inherit; font: inherit; text-align: left; cursor: pointer;
}
.${CLASS_NAME}:hover { background-color: rgba(0, 0, 0, 0.05); }
.${CLASS_NAME}:focus {
    outline-width: 2px; outline-style: solid; outline-color: #2d7ff9; outline-offset: 1px;
}
.${CLASS_NAME}:focus:not(:focus-visible) { outline-style: none; }
`;

let isStyleLoaded = false;

function loadStyleOnce(): void {
    if (!isStyleLoaded) {
        loadCSSFromString(ROW_BUTTON_CSS);
        isStyleLoaded = true;
    }
}

interface RowButtonProps {
    /** The accessible name, which screen readers announce in place of the content. */
    readonly label: string;
    /** The id of the element that describes what the row is about. */
    readonly describedBy?: string;
    readonly children: ReactNode;
    onClick(): void;
}

export function RowButton({label, describedBy, children, onClick}: RowButtonProps) {
    loadStyleOnce();
    return (
        <button
            type="button"
            className={CLASS_NAME}
            aria-label={label}
            aria-describedby={describedBy}
            onClick={onClick}
        >
            {children}
        </button>
    );
}
