/**
 * Shared pieces of every response that carries rows: format lookups against the store, the
 * annotation preference, `@odata.context` URLs and `Preference-Applied`.
 */
import {serviceRoot, type ApiRequest, type EmulatorContext} from './context';
import {getAttributeIfExists} from './entities/registry';
import {isEntityReference, type EntityDefinition} from './entities/types';
import {expandContextParts} from './expansion';
import type {FormatLookups} from './formatting';
import type {ExpandItem} from './odata/expand';
import {createAnnotationMatcher, parsePreferences, type Preferences} from './prefer';
import type {SerializeOptions} from './serialize';

const DEFAULT_CURRENCY_SYMBOL = '$';

export function createFormatLookups(context: EmulatorContext): FormatLookups {
    const {store, registry} = context;
    return {
        getNameIfExists(reference) {
            const target = registry.getIfExists(reference.logicalName);
            const row =
                target === null ? null : store.getIfExists(target.logicalName, reference.id);
            const name = target === null ? undefined : row?.[target.primaryNameAttribute];
            return typeof name === 'string' ? name : null;
        },
        getCurrencySymbol(currency) {
            if (currency === undefined || !isEntityReference(currency)) {
                return DEFAULT_CURRENCY_SYMBOL;
            }
            const row = store.getIfExists('transactioncurrency', currency.id);
            const symbol = row?.['currencysymbol'];
            return typeof symbol === 'string' ? symbol : DEFAULT_CURRENCY_SYMBOL;
        },
    };
}

export function preferencesOf(request: ApiRequest): Preferences {
    return parsePreferences(request.headers['prefer']);
}

export function serializeOptionsFor(
    context: EmulatorContext,
    preferences: Preferences,
): SerializeOptions {
    return {
        shouldInclude: createAnnotationMatcher(preferences.includeAnnotations),
        lookups: createFormatLookups(context),
    };
}

/**
 * Builds `<root>$metadata#accounts(name,revenue)`, with expansions such as
 * `primarycontactid(fullname)` in the list and `/$entity` appended for a single row.
 */
export function contextUrl(
    context: EmulatorContext,
    entity: EntityDefinition,
    select: readonly string[] | null,
    isSingle: boolean,
    expand: readonly ExpandItem[] = [],
): string {
    const parts = [...(select ?? []), ...expandContextParts(expand)];
    const columns = parts.length === 0 ? '' : `(${parts.join(',')})`;
    const suffix = isSingle ? '/$entity' : '';
    return `${serviceRoot(context)}$metadata#${entity.entitySetName}${columns}${suffix}`;
}

/** Builds the `OData-EntityId` of a row: `<root>accounts(<id>)`. */
export function entityIdUrl(
    context: EmulatorContext,
    entity: EntityDefinition,
    id: string,
): string {
    return `${serviceRoot(context)}${entity.entitySetName}(${id})`;
}

/** Builds the `Preference-Applied` header for the preferences a response honoured, if any. */
export function preferenceApplied(values: readonly (string | null)[]): Record<string, string> {
    const applied = values.filter((value): value is string => value !== null);
    return applied.length === 0 ? {} : {'Preference-Applied': applied.join(',')};
}

export function appliedAnnotations(preferences: Preferences): string | null {
    return preferences.includeAnnotations === null
        ? null
        : `odata.include-annotations="${preferences.includeAnnotations}"`;
}

/** Checks whether the table has a column, for system columns that not every table has. */
export function hasColumn(entity: EntityDefinition, logicalName: string): boolean {
    return getAttributeIfExists(entity, logicalName) !== null;
}
