/**
 * The one line every task run says about its sign-in: when the stored refresh token lapses if nobody
 * uses it. Entra lets a refresh token go 90 days after it was issued (learn.microsoft.com/entra/
 * identity-platform/refresh-tokens). A run that writes the new one back knows: 90 days from now. A run
 * that does not only knows when the token it was given was issued if the variable group says so
 * (the companion variable written at every write-back and by the sign-in task).
 */
import { refreshTokenStopsWorking } from "../auth/credentials";
import type { MessageKey } from "../messages/shared-messages";

/** Warn this many days before a refresh token that nothing renews lapses. */
export const LAPSE_WARNING_DAYS = 21;

export interface SignInHealthParams {
  /** The variable group the new refresh token was just written to; undefined when none is configured. */
  renewedIn?: string;
  /** When the refresh token this run was given was issued, when the pipeline passes it on. */
  issuedAt?: Date;
  now: Date;
}

export interface SignInHealth {
  key: MessageKey;
  args: Array<string | number>;
  /** True when the line is a warning (nothing renews the token and it lapses within LAPSE_WARNING_DAYS). */
  warn: boolean;
}

export function signInHealth(p: SignInHealthParams): SignInHealth | undefined {
  if (p.renewedIn) return { key: "SignInHealthRenewed", args: [p.renewedIn, isoDay(refreshTokenStopsWorking(p.now))], warn: false };
  if (!p.issuedAt) return undefined;
  const lapsesOn = refreshTokenStopsWorking(p.issuedAt);
  const daysLeft = Math.ceil((lapsesOn.getTime() - p.now.getTime()) / 86_400_000);
  const warn = daysLeft <= LAPSE_WARNING_DAYS;
  return { key: warn ? "SignInHealthLapsingSoon" : "SignInHealthNotRenewed", args: [isoDay(lapsesOn), Math.max(daysLeft, 0)], warn };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
