/**
 * Asks Dynamics, before a delete preview, for the rows the run's own reads cannot show: the rows
 * of tables the sync does not map that point at the records to delete, and the rows pointing at
 * those. Dynamics cascades a delete into every table, mapped or not, so without them the preview
 * would hide records the delete removes.
 *
 * The cascade is followed one level at a time, from the records to delete down Cascade
 * relationships, with one request per relationship and level (the Dataverse side splits long id
 * lists). RemoveLink and Restrict relationships are read too, because the preview lists cleared
 * links and Restrict blocks the delete, but they are not followed further.
 */
import {callSideAsync} from '../apply/runStoppedError';
import type {Guid, LogicalName} from '../ids';
import type {CascadeDeleteRule, DataverseSide} from '../ports';
import type {TableSnapshot} from '../run/readTable';
import {CascadeGraph, isReadFromDynamics} from './cascade';
import {CascadeReferences, type CascadeNode} from './cascadeReferences';

/**
 * The deepest level of records below a deleted record that the preview follows Cascade
 * relationships to. A delete whose cascade reaches deeper is not made, because its preview would
 * be incomplete.
 * NOTE: chosen to cover the standard tables' chains (an account's contact's opportunity's
 * products), not a limit Dynamics sets.
 */
export const MAX_CASCADE_LEVELS = 8;

export interface CascadeReadInput {
    readonly dataverse: Pick<
        DataverseSide,
        'readCascadeDeleteRulesAsync' | 'readReferencingRecordsAsync'
    >;
    /** The mapped tables as read, with the lookups the rules follow. */
    readonly snapshots: readonly TableSnapshot[];
    /** The delete rules of the mapped tables. */
    readonly rules: readonly CascadeDeleteRule[];
    /** The records the run may delete in Dynamics. */
    readonly roots: readonly CascadeNode[];
}

export async function readCascadeReferencesAsync(
    input: CascadeReadInput,
): Promise<CascadeReferences> {
    const reader = new CascadeReader(input);
    await reader.readAsync();
    return reader.references;
}

class CascadeReader {
    readonly references = new CascadeReferences();
    private readonly input: CascadeReadInput;
    private readonly graph: CascadeGraph;
    private readonly mappedEntities: ReadonlySet<LogicalName>;
    private readonly rulesByEntity = new Map<LogicalName, readonly CascadeDeleteRule[]>();

    constructor(input: CascadeReadInput) {
        this.input = input;
        this.graph = new CascadeGraph(input.snapshots, input.rules);
        this.mappedEntities = new Set(input.snapshots.map(s => s.table.entity.logicalName));
    }

    async readAsync(): Promise<void> {
        const visited = new Set(this.input.roots.map(getNodeKey));
        let level = [...this.input.roots];
        for (let depth = 0; depth <= MAX_CASCADE_LEVELS && level.length > 0; depth += 1) {
            const next: CascadeNode[] = [];
            for (const [entity, ids] of groupByEntity(level)) {
                next.push(...(await this.readChildrenAsync(entity, ids)));
            }
            level = next.filter(node => !visited.has(getNodeKey(node)));
            level.forEach(node => visited.add(getNodeKey(node)));
        }
        // What points at the records below the deepest level stays unread, and `CascadeGraph`
        // reports it as unchecked. It needs their tables' rules to see that anything could.
        for (const entity of groupByEntity(level).keys()) {
            await this.getRulesAsync(entity);
        }
    }

    /** Reads what points at the parents, and returns the children a Cascade deletes with them. */
    private async readChildrenAsync(
        entity: LogicalName,
        parentIds: readonly Guid[],
    ): Promise<CascadeNode[]> {
        const children: CascadeNode[] = [];
        for (const rule of await this.getRulesAsync(entity)) {
            if (rule.onDelete === 'NoCascade') {
                continue;
            }
            const childIds = isReadFromDynamics(rule, this.mappedEntities)
                ? await this.readReferencingIdsAsync(rule, parentIds)
                : parentIds.flatMap(id => this.graph.getReadChildIds(rule, id));
            if (rule.onDelete === 'Cascade') {
                children.push(...childIds.map(id => ({entity: rule.referencingEntity, id})));
            }
        }
        return children;
    }

    private async readReferencingIdsAsync(
        rule: CascadeDeleteRule,
        parentIds: readonly Guid[],
    ): Promise<Guid[]> {
        const result = await callSideAsync(
            'dynamics',
            'reading the records that point at the records to delete',
            this.getDisplayName(rule.referencingEntity),
            () => this.input.dataverse.readReferencingRecordsAsync(rule, parentIds),
        );
        this.references.addResult(rule, parentIds, result);
        if (result.status === 'failed') {
            return [];
        }
        return [...result.recordsByParent.values()].flat().map(record => record.id);
    }

    /** Returns the delete rules of the table: read with the mapping's, or read once here. */
    private async getRulesAsync(entity: LogicalName): Promise<readonly CascadeDeleteRule[]> {
        if (this.mappedEntities.has(entity)) {
            return this.input.rules.filter(rule => rule.referencedEntity === entity);
        }
        const known = this.rulesByEntity.get(entity);
        if (known !== undefined) {
            return known;
        }
        // A record of an unmapped table is reached only through a read that returned its table.
        const ref = this.references.getEntityIfExists(entity);
        const rules =
            ref === null
                ? []
                : await callSideAsync('dynamics', 'reading relationships', ref.displayName, () =>
                      this.input.dataverse.readCascadeDeleteRulesAsync(ref),
                  );
        this.rulesByEntity.set(entity, rules);
        this.references.rules.push(...rules);
        return rules;
    }

    private getDisplayName(entity: LogicalName): string {
        const mapped = this.input.snapshots.find(s => s.table.entity.logicalName === entity);
        const known = mapped?.table.entity ?? this.references.getEntityIfExists(entity);
        return known?.displayName ?? entity;
    }
}

function getNodeKey(node: CascadeNode): string {
    return `${node.entity}|${node.id}`;
}

function groupByEntity(nodes: readonly CascadeNode[]): Map<LogicalName, Guid[]> {
    const groups = new Map<LogicalName, Set<Guid>>();
    for (const node of nodes) {
        const ids = groups.get(node.entity) ?? new Set<Guid>();
        ids.add(node.id);
        groups.set(node.entity, ids);
    }
    return new Map([...groups].map(([entity, ids]) => [entity, [...ids]]));
}
