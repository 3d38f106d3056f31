/** The organization's maximum PAT lifespan once the service has shown it: by shortening a date the hub asked for (API 7.2 clamps to validFrom + max). */
import * as React from "react";
import type { PatToken } from "../../api/model";
import { DAY_MS } from "../../expiry/wire-time";
import { wasClamped } from "../../rotation/due";
import type { PatService } from "./pat-service";

/** The lifespan in days a clamped answer shows, or null when the service kept the date asked for. */
function lifespanShownBy(requestedValidTo: string, answered: PatToken): number | null {
  if (!wasClamped(requestedValidTo, answered.validTo)) return null;
  return Math.round((Date.parse(answered.validTo) - Date.parse(answered.validFrom)) / DAY_MS);
}

export interface LifespanPolicy {
  /** Null until a create or extend showed it. */
  days: number | null;
  create: PatService["create"];
  extend: PatService["extend"];
}

/** The service's create and extend, noting the lifespan any answer shows. */
export function useLifespanPolicy(service: PatService): LifespanPolicy {
  const [days, setDays] = React.useState<number | null>(null);
  const note = React.useCallback((requestedValidTo: string, answered: PatToken) => {
    const shown = lifespanShownBy(requestedValidTo, answered);
    if (shown !== null) setDays((known) => (known === null ? shown : Math.min(known, shown)));
    return answered;
  }, []);
  return {
    days,
    create: async (request) => note(request.validTo, await service.create(request)),
    extend: async (pat, validTo) => note(validTo, await service.extend(pat, validTo)),
  };
}
