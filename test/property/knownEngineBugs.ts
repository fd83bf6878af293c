/**
 * Preconditions that leave out the cases that reach an engine bug known to break the property,
 * so the property keeps checking everything else. Each one names the bug where it is checked;
 * remove it once the bug is fixed.
 */
import type {CaseWorld} from './caseWorld';
import type {EntityModel} from './entityModel';

/**
 * Returns whether the next sync is to delete, in Dynamics, both a parent account and one of its
 * child accounts, because both rows were deleted in Airtable.
 * NOTE: the engine undoes the child's delete. It sends both deletes with the versions it read.
 * Deleting the parent makes Dynamics clear the child's parent link (a RemoveLink relationship),
 * which gives the child a new version, so the child's delete fails with 412. `handleDeleteResult`
 * in frontend/sync/deletes/syncDeletes.ts then keeps the child and adds its row back as "changed in
 * Dynamics during the sync", although the only change was the run's own cascade.
 */
export function deletesParentAndChildTogether(world: CaseWorld, model: EntityModel): boolean {
    const deleted = new Set(model.listPendingRowDeletes());
    return [...deleted].some(id => {
        const parentId = world.getParentIdIfExists(id);
        return parentId !== null && deleted.has(parentId);
    });
}

/**
 * Returns whether a person is about to edit the row, or delete the record, of an account whose
 * record a stopped run created without finishing its row. Such a row is still marked as waiting
 * for its create, while the record exists.
 * NOTE: the engine loses such an edit or delete. When one write of a group stops the run,
 * `writeAllAsync` in frontend/dataverse/dataverseSide.ts rejects the whole group, so the creates
 * that succeeded are never written back to their rows, and the next run sends each create again.
 * If the record was deleted in Dynamics, it is created again. Otherwise Dynamics returns 412, and
 * `handleCreateResult` in frontend/sync/apply/dynamicsPhase.ts takes the row's current values as
 * the baseline although Dynamics still contains the values of the first create, so the run after
 * that pulls them over the row's edit.
 */
export function changesUnfinishedCreate(
    world: CaseWorld,
    change: {readonly rowId: string} | {readonly deletedRecordId: string},
): boolean {
    const observation = world.observe();
    const recordIds = new Set(observation.records.map(record => record.id));
    return observation.rows.some(
        row =>
            row.syncState?.isPendingCreate === true &&
            row.dynamicsId !== null &&
            recordIds.has(row.dynamicsId) &&
            ('rowId' in change
                ? row.id === change.rowId
                : row.dynamicsId === change.deletedRecordId),
    );
}
