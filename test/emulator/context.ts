/** What every route handler gets: the state, the token minter and the emulator's own addresses. */
import type { TokenMinter } from "./entra/token-minter";
import type { SigningKey } from "./entra/signing-key";
import type { Exchange, Service } from "./exchange";
import type { EmulatorState } from "./state";
import type { Traffic } from "./traffic";
import type { EmulatorAddress } from "./wire-types";

export interface EmulatorContext {
  state: EmulatorState;
  minter: TokenMinter;
  key: SigningKey;
  traffic: Traffic;
  address: EmulatorAddress;
  /** Opens one more HTTPS listener on loopback for `service` (a Key Vault); returns its origin. */
  listen(service: Service): Promise<string>;
}

export interface Route {
  service: Service;
  /** Upper-case method, or "*" for any. */
  method: string;
  /** Matched case-insensitively against the decoded pathname: Azure DevOps routing ignores case. */
  pattern: RegExp;
  handle(ex: Exchange, match: RegExpExecArray, ctx: EmulatorContext): Promise<void> | void;
}

/** A route for every method: the handler answers 405 itself for the methods its API lacks. */
export function anyMethod(service: Service, pattern: RegExp, handle: Route["handle"]): Route {
  return { service, method: "*", pattern, handle };
}
