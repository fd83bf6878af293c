import type {
    AccountInfo,
    ClearCacheRequest,
    PopupRequest,
    SilentRequest,
} from '@azure/msal-browser';
import type {AuthClient, AuthResult} from '../../frontend/auth/authClient';

export const ALICE: AccountInfo = {
    homeAccountId: 'alice-oid.tenant-id',
    environment: 'login.microsoftonline.com',
    tenantId: 'tenant-id',
    username: 'alice@contoso.example',
    localAccountId: 'alice-oid',
    name: 'Alice Example',
};

export function tokenResult(accessToken: string, account: AccountInfo = ALICE): AuthResult {
    return {accessToken, account, expiresOn: new Date(Date.now() + 3600_000)};
}

type Outcome = AuthResult | Error;

/**
 * An `AuthClient` that returns the results a test queues up. It keeps a cache of accounts the way
 * msal-browser does: a successful popup adds the account and `clearCache` removes it.
 */
export class FakeAuthClient implements AuthClient {
    accounts: AccountInfo[] = [];
    readonly silentRequests: SilentRequest[] = [];
    readonly popupRequests: Array<{kind: 'login' | 'acquire'; request: PopupRequest}> = [];
    readonly clearedAccounts: Array<AccountInfo | null | undefined> = [];
    isInitialized = false;
    /** Answers silent requests once the queue is empty, for tests that make many requests. */
    silentHandler: ((request: SilentRequest) => Promise<AuthResult>) | null = null;
    private readonly silentOutcomes: Outcome[] = [];
    private readonly popupOutcomes: Outcome[] = [];

    queueSilent(...outcomes: Outcome[]): this {
        this.silentOutcomes.push(...outcomes);
        return this;
    }

    queuePopup(...outcomes: Outcome[]): this {
        this.popupOutcomes.push(...outcomes);
        return this;
    }

    async initialize(): Promise<void> {
        this.isInitialized = true;
    }

    loginPopup(request: PopupRequest): Promise<AuthResult> {
        this.popupRequests.push({kind: 'login', request});
        return this.settlePopupAsync();
    }

    acquireTokenPopup(request: PopupRequest): Promise<AuthResult> {
        this.popupRequests.push({kind: 'acquire', request});
        return this.settlePopupAsync();
    }

    async acquireTokenSilent(request: SilentRequest): Promise<AuthResult> {
        this.silentRequests.push(request);
        const queued = this.silentOutcomes.shift();
        if (queued === undefined && this.silentHandler !== null) {
            return this.silentHandler(request);
        }
        return settle(queued, 'acquireTokenSilent');
    }

    getAllAccounts(): AccountInfo[] {
        return [...this.accounts];
    }

    async clearCache(request: ClearCacheRequest): Promise<void> {
        this.clearedAccounts.push(request.account);
        this.accounts = this.accounts.filter(
            account => account.homeAccountId !== request.account?.homeAccountId,
        );
    }

    private async settlePopupAsync(): Promise<AuthResult> {
        const result = settle(this.popupOutcomes.shift(), 'popup');
        if (result.account !== null && !this.accounts.includes(result.account)) {
            this.accounts.push(result.account);
        }
        return result;
    }
}

function settle(outcome: Outcome | undefined, call: string): AuthResult {
    if (outcome === undefined) {
        throw new Error(`The test queued no outcome for ${call}.`);
    }
    if (outcome instanceof Error) {
        throw outcome;
    }
    return outcome;
}
