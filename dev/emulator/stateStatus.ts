/**
 * The statecode/statuscode rules of a write. A create always starts in the table's first state
 * (statecode is not valid for create), so a statuscode from another state is rejected with
 * `0x80048408`. An update that sets only one of the pair gets the other from the table's rules.
 */
import {getAttributeIfExists} from './entities/registry';
import type {ColumnValue, EntityDefinition, Row, StateOption} from './entities/types';
import {DataverseError, ERROR_CODES} from './errors';

function statesOf(entity: EntityDefinition): readonly StateOption[] | null {
    const state = getAttributeIfExists(entity, 'statecode');
    return state?.type === 'State' ? state.options : null;
}

function stateOfStatus(entity: EntityDefinition, status: number): number | null {
    const attribute = getAttributeIfExists(entity, 'statuscode');
    if (attribute?.type !== 'Status') {
        return null;
    }
    return attribute.options.find(option => option.value === status)?.state ?? null;
}

function invalidPair(
    entity: EntityDefinition,
    status: number,
    state: StateOption,
    id: string,
): DataverseError {
    return new DataverseError(
        400,
        ERROR_CODES.invalidStateStatus,
        `${status} is not a valid status code for state code ${entity.schemaName}State.` +
            `${state.invariantName} on ${entity.logicalName} with Id ${id}.`,
    );
}

/**
 * Completes and checks the state and status of a write. `current` is null for a create. Returns
 * the changes with both columns set when either was given. Only a closing action (such as
 * WinOpportunity) may move a row into a state the table reserves for actions.
 */
export function resolveStateStatus(
    entity: EntityDefinition,
    id: string,
    changes: Readonly<Record<string, ColumnValue>>,
    current: Row | null,
    options: {readonly isClosingAction?: boolean} = {},
): Record<string, ColumnValue> {
    const states = statesOf(entity);
    const requestedState = changes['statecode'];
    const requestedStatus = changes['statuscode'];
    if (states === null || (requestedState === undefined && requestedStatus === undefined)) {
        return {...changes};
    }

    const currentState = current === null ? states[0]?.value : current['statecode'];
    const stateValue = typeof requestedState === 'number' ? requestedState : currentState;
    const state = states.find(option => option.value === stateValue);
    if (state === undefined) {
        return {...changes};
    }
    const status = typeof requestedStatus === 'number' ? requestedStatus : state.defaultStatus;
    if (stateOfStatus(entity, status) !== state.value) {
        throw invalidPair(entity, status, state, id);
    }
    const restriction = entity.statesSetByActionOnly;
    const isReserved =
        options.isClosingAction !== true && restriction?.states.includes(state.value) === true;
    if (current !== null && state.value !== currentState && restriction && isReserved) {
        // NOTE: the platform's code and wording for this rejection are undocumented.
        throw new DataverseError(
            400,
            ERROR_CODES.invalidStateStatus,
            `The ${entity.logicalName} with Id ${id} cannot be set to ${state.invariantName} by an ` +
                `update. Use the ${restriction.actions} action, and reopen a closed row first.`,
        );
    }
    return {...changes, statecode: state.value, statuscode: status};
}
