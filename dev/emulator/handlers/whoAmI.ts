/** `GET WhoAmI`: the caller's user id with the org's business unit and organization ids. */
import {
    jsonResponse,
    serviceRoot,
    type ApiRequest,
    type ApiResponse,
    type EmulatorContext,
} from '../context';
import {EMULATOR_IDENTITY} from '../identity';

export function getWhoAmI(context: EmulatorContext, request: ApiRequest): ApiResponse {
    return jsonResponse(200, {
        '@odata.context': `${serviceRoot(context)}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
        BusinessUnitId: EMULATOR_IDENTITY.businessUnitId,
        UserId: request.callerId,
        OrganizationId: EMULATOR_IDENTITY.organizationId,
    });
}
