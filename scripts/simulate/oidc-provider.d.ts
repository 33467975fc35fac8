// oidc-provider ships no TypeScript types: the parts of its v9 API the simulator uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type AnyObject = Record<string, unknown>;

  export interface OidcClient {
    clientId: string;
    clientName?: string;
    metadata(): AnyObject;
  }

  export interface OidcContext {
    headers: Record<string, string | string[] | undefined>;
    body: unknown;
    oidc: {
      params?: AnyObject;
      client?: OidcClient;
      entities: AnyObject;
      provider: Provider;
    };
  }

  export interface Interaction {
    uid: string;
    prompt: { name: string; details: AnyObject };
    params: AnyObject;
    session?: { accountId: string; uid: string };
    grantId?: string;
  }

  export interface GrantInstance {
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface AccessTokenInstance {
    jti: string;
    accountId?: string;
    clientId?: string;
    scope?: string;
    aud?: string | string[];
    exp?: number;
    expiration: number;
    grantId?: string;
    sessionUid?: string;
    gty?: string;
    kind: string;
    resourceServer?: unknown;
    save(): Promise<string>;
  }

  export const errors: {
    InvalidGrant: new (description: string) => Error;
    InvalidRequest: new (description: string) => Error;
  };

  export default class Provider {
    constructor(issuer: string, configuration: AnyObject);
    issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: AnyObject,
      options?: AnyObject,
    ): Promise<void>;
    registerGrantType(name: string, handler: (ctx: OidcContext) => Promise<void>, params?: string[]): void;
    on(event: string, listener: (...args: never[]) => void): this;
    Grant: {
      new (init: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    AccessToken: {
      new (init: AnyObject): AccessTokenInstance;
      revokeByGrantId(grantId: string): Promise<void>;
    };
    ResourceServer: new (
      identifier: string,
      info: AnyObject,
    ) => unknown;
    Client: { find(id: string): Promise<OidcClient | undefined> };
  }
}
