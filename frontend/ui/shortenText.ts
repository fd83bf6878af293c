/**
 * Shortens names and values for display, so one over-long value cannot push the panel wide. Only
 * what is shown is shortened: the data keeps every character, and the UI keeps the full text
 * one click or hover away.
 */

/** The maximum number of characters of a name or value that one line of the panel shows. */
export const MAX_SHOWN_TEXT_LENGTH = 80;

/** Cuts `text` to at most `maxLength` characters, the last being "…", counting code points. */
export function shortenText(text: string, maxLength = MAX_SHOWN_TEXT_LENGTH): string {
    const characters = Array.from(text);
    if (characters.length <= maxLength) {
        return text;
    }
    return `${characters.slice(0, maxLength - 1).join('')}…`;
}

/** Replaces each occurrence of `name` in `message` with the shortened name. */
export function shortenNameInMessage(message: string, name: string): string {
    const shortName = shortenText(name);
    return shortName === name ? message : message.split(name).join(shortName);
}

/**
 * Lets long words and values without spaces, such as a URL, break at any character rather than
 * run out of the panel. `anywhere` also lets flex items shrink below the longest word.
 */
export const WRAP_LONG_TEXT_STYLE = {overflowWrap: 'anywhere'} as const;
