/**
 * Compares link values with baselines stored in either form of a link value. A group that can
 * point at one table gives `<guid>`, and one that can point at more gives `<table>:<guid>`
 * (`formatLinkValue`). Mapping a second target to a lookup column, or removing one, therefore
 * changes the form of every value of the column, while the rows' baselines keep the form of the
 * last sync. A value in the other form that names the same record is still at its baseline, so
 * such a mapping change writes nothing and reports no conflict.
 */
import {parseGuidIfValid} from '../ids';
import {hashValue, isHashOfValue} from '../syncState';
import type {CanonicalValue} from '../values';
import type {LinkGroup} from './linkGroups';

/** Returns whether the link value is the one the baseline was stored for, in either form. */
export function isLinkAtBaseline(
    group: LinkGroup,
    value: CanonicalValue,
    baseline: string | undefined,
): boolean {
    if (baseline === undefined) {
        return false;
    }
    return (
        isHashOfValue(value, baseline) ||
        listOtherLinkForms(group, value).some(form => isHashOfValue(form, baseline))
    );
}

/**
 * Returns the baseline in the form the group gives values today: the hash of the first of
 * `values` that is at the baseline in the other form, or else the baseline as stored. A merge
 * compares both sides with the result, so a side that only changed form counts as unchanged.
 */
export function restateLinkBaseline(
    group: LinkGroup,
    baseline: string | undefined,
    values: readonly CanonicalValue[],
): string | undefined {
    if (baseline === undefined || values.some(value => isHashOfValue(value, baseline))) {
        return baseline;
    }
    const restated = values.find(value => isLinkAtBaseline(group, value, baseline));
    return restated === undefined ? baseline : hashValue(restated);
}

/**
 * Lists the other forms of a link value: the bare GUID of `<table>:<guid>`, and `<table>:<guid>`
 * for a bare GUID and each table the group's columns can point at. An empty link has one form.
 */
function listOtherLinkForms(group: LinkGroup, value: CanonicalValue): string[] {
    if (typeof value !== 'string') {
        return [];
    }
    const separator = value.indexOf(':');
    if (separator >= 0) {
        const id = parseGuidIfValid(value.slice(separator + 1));
        return id === null ? [] : [id];
    }
    const id = parseGuidIfValid(value);
    return id === null ? [] : listTargetNames(group).map(name => `${name}:${id}`);
}

function listTargetNames(group: LinkGroup): string[] {
    const names = group.fields.flatMap(field =>
        (field.mapping.column.targets ?? []).map(target => target.logicalName),
    );
    return [...new Set(names)];
}
