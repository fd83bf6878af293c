/**
 * Builds the `OptionSet` of a choice column (Picklist, State or Status) as the metadata endpoints
 * return it: each option's value and label, plus the state's default status or the status's state.
 */
import type {AttributeDefinition, EntityDefinition} from './entities/types';
import {labelOf, metadataIdOf, type MetadataObject} from './metadata';
import type {WireValue} from './json';

const EMPTY_LABEL = {LocalizedLabels: [], UserLocalizedLabel: null};

function optionOf(
    optionSetId: string,
    option: {readonly value: number; readonly label: string},
    extra: Record<string, WireValue>,
): MetadataObject {
    return {
        Value: option.value,
        Label: labelOf(option.label, metadataIdOf(optionSetId, String(option.value))),
        Description: EMPTY_LABEL,
        Color: null,
        IsManaged: true,
        MetadataId: null,
        HasChanged: null,
        ...extra,
    };
}

/** Returns the option set of a choice column, or null for columns without one. */
export function optionSetOf(
    entity: EntityDefinition,
    attribute: AttributeDefinition,
): MetadataObject | null {
    const metadataId = metadataIdOf(entity.logicalName, attribute.logicalName, 'OptionSet');
    const common = {
        MetadataId: metadataId,
        Name: `${entity.logicalName}_${attribute.logicalName}`,
        IsGlobal: false,
    };
    switch (attribute.type) {
        case 'Picklist':
            return {
                ...common,
                OptionSetType: 'Picklist',
                Options: attribute.options.map(option => optionOf(metadataId, option, {})),
            };
        case 'State':
            return {
                ...common,
                OptionSetType: 'State',
                Options: attribute.options.map(option =>
                    optionOf(metadataId, option, {
                        DefaultStatus: option.defaultStatus,
                        InvariantName: option.invariantName,
                    }),
                ),
            };
        case 'Status':
            return {
                ...common,
                OptionSetType: 'Status',
                Options: attribute.options.map(option =>
                    optionOf(metadataId, option, {State: option.state}),
                ),
            };
        default:
            return null;
    }
}
