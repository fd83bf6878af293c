/** Parses `$select`: a comma-separated list of property names. */
import {syntaxError} from '../errors';

const PROPERTY_NAME = /^[A-Za-z_][\w]*$/;

export function parseSelect(text: string): string[] {
    const names = text.split(',').map(name => name.trim());
    let position = 0;
    for (const name of names) {
        if (!PROPERTY_NAME.test(name)) {
            throw syntaxError(position, text);
        }
        position += name.length + 1;
    }
    return names;
}
