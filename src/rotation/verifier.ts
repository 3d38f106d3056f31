/** Proves a new PAT works before anyone relies on it: an authenticated call made with the PAT itself. */
import { basicPat, type Credential } from "../api/credential";
import { getConnectionData } from "../api/connection";
import { NotSignedInError } from "../api/errors";
import type { HttpClient } from "../api/http";

interface Verification {
  attempts: number;
  /** Who Azure DevOps says the PAT belongs to. */
  user: string;
}

/** Throws VerificationError when the PAT does not work. */
export type PatVerifier = (secret: string) => Promise<Verification>;

export class VerificationError extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "VerificationError";
  }
}

export interface ConnectionDataVerifierOptions {
  /** The collection URL (System.CollectionUri), with trailing slash. */
  collectionUrl: string;
  /** Builds a client for a credential, with the caller's fetch, proxy and retry settings. */
  httpFor: (credential: Credential) => HttpClient;
  /** How often to try while a fresh PAT propagates (default 5). */
  attempts?: number;
  /** Pause between tries (default 2000 ms). */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** `{collection}/_apis/connectionData` with Basic auth; retries only "not signed in" (propagation). */
export function connectionDataVerifier(o: ConnectionDataVerifierOptions): PatVerifier {
  const attempts = o.attempts ?? 5;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (secret) => {
    const collection = { http: o.httpFor(basicPat(secret)), collectionUrl: o.collectionUrl };
    for (let attempt = 1; ; attempt++) {
      try {
        const data = await getConnectionData(collection);
        return { attempts: attempt, user: data.authenticatedUser.providerDisplayName };
      } catch (error) {
        if (!(error instanceof NotSignedInError) || attempt >= attempts) throw new VerificationError(attempt, error);
        await sleep(o.delayMs ?? 2000);
      }
    }
  };
}
