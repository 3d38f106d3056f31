/**
 * Rotate from the hub: the RotatePat task's core with one store, this page, which shows the
 * secret once. The new PAT is verified (connectionData with the PAT itself) before the old one goes.
 */
import type { OrgContext } from "../../api/context";
import type { Credential } from "../../api/credential";
import { HttpClient } from "../../api/http";
import type { PatToken } from "../../api/model";
import { connectionDataVerifier, runRotation, type RotationResult } from "../../rotation";
import { PlainWordsError } from "./describe-error";
import type { RotationOutcome } from "./pat-service";
import { formatDay } from "./relative-day";
import { strings } from "./strings";

export interface HubRotationOptions {
  org: OrgContext;
  /** Verification client for the new PAT (same fetch as the page's). */
  httpFor?: (credential: Credential) => HttpClient;
  now?: () => Date;
}

export function hubRotation(o: HubRotationOptions): (pat: PatToken, lifetimeDays: number) => Promise<RotationOutcome> {
  const httpFor = o.httpFor ?? ((credential: Credential) => new HttpClient({ credential }));
  const collectionUrl = `${o.org.endpoints.devops}/${encodeURIComponent(o.org.organization)}/`;
  return async (pat, lifetimeDays) => {
    let secret: string | undefined;
    const result = await runRotation(
      {
        action: "rotate",
        select: { authorizationId: pat.authorizationId },
        lifetimeDays,
        keepGlobal: false,
        verify: true,
        revokeOld: true,
        dryRun: false,
      },
      {
        org: o.org,
        now: o.now ?? (() => new Date()),
        stores: [{ name: strings.rotateStoreName, store: async (value) => void (secret = value) }],
        verifier: connectionDataVerifier({ collectionUrl, httpFor }),
        onSecret: (value) => void (secret = value),
      },
    );
    if (result.outcome !== "rotated" || !result.replacement || !secret) throw failureError(result);
    return { replacement: { ...result.replacement, token: null }, secret, notes: rotationNotes(result) };
  };
}

/** One sentence for the person; what the service said goes to the details. */
function failureError(result: RotationResult): PlainWordsError {
  const reason = result.failure ? strings.rotateFailureReason[result.failure.reason] : strings.rotateFailureReason.createFailed;
  const error = result.failure?.error;
  return new PlainWordsError(strings.rotateFailed(reason), error?.message, error?.activityId);
}

function rotationNotes(result: RotationResult): string[] {
  const notes: string[] = [];
  if (result.plan?.narrowedFromGlobal) notes.push(strings.rotateNarrowed);
  for (const step of result.steps) {
    if (step.kind === "created" && step.clamped) notes.push(strings.rotateClamped(formatDay(step.pat.validTo)));
  }
  for (const pat of result.final.toRevokeByHand) notes.push(strings.rotateRevokeByHand(pat.displayName));
  return notes;
}
