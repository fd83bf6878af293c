export {
    checkCanSyncField,
    getCompatibleFieldTypes,
    getOnlyDirectionIfExists,
    isComputedFieldType,
} from './compatibility';
export {readAirtableValue} from './fromAirtable';
export {readDynamicsValue} from './fromDynamics';
export {toAirtableCell, type AirtableCellValue} from './toAirtable';
export type {SelectChoiceCell} from './choiceValues';
export {toDynamicsValue, type DynamicsJsonValue} from './toDynamics';
export type {Conversion, ValueProblem, ValueProblemCode} from './problems';
