/**
 * `GET RetrieveTotalRecordCount(EntityNames=@p1)?@p1=["account","contact"]`: the row count of each
 * named table. Dataverse returns counts cached up to 24 hours old, but the emulator returns live
 * ones.
 */
import {
    jsonResponse,
    serviceRoot,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import {queryError} from '../errors';

/** Reads the `EntityNames` parameter: a JSON array of logical names, inline or via an alias. */
function readEntityNames(request: ApiRequest, parameter: string): string[] {
    const value = parameter.startsWith('@') ? request.url.searchParams.get(parameter) : parameter;
    let names: unknown;
    try {
        names = JSON.parse(value ?? '');
    } catch {
        names = undefined;
    }
    if (!Array.isArray(names) || !names.every(name => typeof name === 'string')) {
        throw queryError(
            `EntityNames must be a JSON array of table logical names, such as ["account","contact"]; got '${value ?? parameter}'.`,
        );
    }
    return names as string[];
}

export function getTotalRecordCount(
    context: EmulatorContext,
    request: ApiRequest,
    parameter: string,
): ApiResponse {
    const names = readEntityNames(request, parameter);
    const counts = names.map(name => {
        if (context.registry.getIfExists(name) === null) {
            throw queryError(`The table '${name}' does not exist in this environment.`);
        }
        return context.store.list(name).length;
    });
    return jsonResponse(200, {
        '@odata.context': `${serviceRoot(context)}$metadata#Microsoft.Dynamics.CRM.RetrieveTotalRecordCountResponse`,
        EntityRecordCountCollection: {
            Count: names.length,
            IsReadOnly: false,
            Keys: names,
            Values: counts,
        },
    });
}
