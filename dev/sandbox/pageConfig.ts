/**
 * The sandbox page's configuration: the addresses of the servers `startSandboxAsync` started and
 * the sign-in mode. The build fixes it into the bundle as `SANDBOX_CONFIG`, so the page needs no
 * request to find them.
 */

export type SandboxSignIn =
    /** The real msal-browser sign-in, through a popup, against the local OpenID provider. */
    | {
          readonly kind: 'localProvider';
          /** The provider's origin, such as `https://127.0.0.1:8443`. */
          readonly authorityHost: string;
          readonly tenantId: string;
      }
    /** A session that is signed in from the start with the emulator's development token. */
    | {readonly kind: 'devToken'; readonly token: string};

export interface SandboxPageConfig {
    /** The emulator's origin, preset as the environment URL. */
    readonly emulatorUrl: string;
    readonly signIn: SandboxSignIn;
}
