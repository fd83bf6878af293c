/**
 * One-to-many relationships between the served tables and what deleting the referenced row does
 * to the referencing rows. The defaults are those of a new org with Dynamics 365 Sales (account and
 * contact relationship references): a contact's company and an opportunity's customer cascade the
 * delete, while parent, primary-contact and parent-contact links are only removed.
 */

/** The effect that deleting the referenced row has on the rows that reference it. */
export type CascadeDelete = 'Cascade' | 'RemoveLink' | 'Restrict';

export interface RelationshipDefinition {
    readonly schemaName: string;
    /** The table on the "one" side, such as `account`. */
    readonly referencedEntity: string;
    /** The table on the "many" side, such as `contact`. */
    readonly referencingEntity: string;
    /** The lookup column of the referencing table, such as `parentcustomerid`. */
    readonly referencingAttribute: string;
    /** The navigation property a client binds on the referencing table. */
    readonly navigationProperty: string;
    readonly cascadeDelete: CascadeDelete;
}

function relationship(
    schemaName: string,
    from: [referencingEntity: string, referencingAttribute: string, navigationProperty: string],
    referencedEntity: string,
    cascadeDelete: CascadeDelete,
): RelationshipDefinition {
    const [referencingEntity, referencingAttribute, navigationProperty] = from;
    return {
        schemaName,
        referencedEntity,
        referencingEntity,
        referencingAttribute,
        navigationProperty,
        cascadeDelete,
    };
}

export const DEFAULT_RELATIONSHIPS: readonly RelationshipDefinition[] = [
    relationship(
        'contact_customer_accounts',
        ['contact', 'parentcustomerid', 'parentcustomerid_account'],
        'account',
        'Cascade',
    ),
    relationship(
        'contact_customer_contacts',
        ['contact', 'parentcustomerid', 'parentcustomerid_contact'],
        'contact',
        'RemoveLink',
    ),
    relationship(
        'account_parent_account',
        ['account', 'parentaccountid', 'parentaccountid'],
        'account',
        'RemoveLink',
    ),
    relationship(
        'account_primary_contact',
        ['account', 'primarycontactid', 'primarycontactid'],
        'contact',
        'RemoveLink',
    ),
    relationship(
        'opportunity_customer_accounts',
        ['opportunity', 'customerid', 'customerid_account'],
        'account',
        'Cascade',
    ),
    relationship(
        'opportunity_customer_contacts',
        ['opportunity', 'customerid', 'customerid_contact'],
        'contact',
        'Cascade',
    ),
    relationship(
        'opportunity_parent_account',
        ['opportunity', 'parentaccountid', 'parentaccountid'],
        'account',
        'RemoveLink',
    ),
    relationship(
        'opportunity_parent_contact',
        ['opportunity', 'parentcontactid', 'parentcontactid'],
        'contact',
        'RemoveLink',
    ),
];
