/** The profile host (`app.vssps.visualstudio.com`, here the vssps origin): who am I, and which organizations. */
import { checkApiVersion } from "../api-version";
import { identifyCaller, patHasScope } from "../caller";
import { anyMethod, type EmulatorContext, type Route } from "../context";
import type { Exchange } from "../exchange";
import type { User } from "../state";
import { ARGUMENT, INVALID_ACCESS, sendNotSignedIn, sendVssError, sendPatScopeMissing } from "../vss-errors";
import { methodNotAllowed } from "./org-guard";

export const profileRoutes: Route[] = [
  anyMethod("vssps", /^\/_apis\/profile\/profiles\/([^/]+)\/?$/i, (ex, m, ctx) =>
    withUser(ex, ctx, { max: 7.2, released: 0, min: 1 }, (user) => profile(ex, ctx, user, m[1])),
  ),
  anyMethod("vssps", /^\/_apis\/accounts\/?$/i, (ex, _m, ctx) =>
    withUser(ex, ctx, { max: 7.2, released: 7.1, min: 1 }, (user) => accounts(ex, ctx, user)),
  ),
];

function withUser(
  ex: Exchange,
  ctx: EmulatorContext,
  versions: { max: number; released: number; min: number },
  next: (user: User) => void,
): void {
  const caller = identifyCaller(ex, ctx.state, ctx.minter);
  if (caller.kind === "anonymous") return sendNotSignedIn(ex);
  if (caller.kind === "app" || caller.kind === "job") return sendNotSignedIn(ex);
  if (!checkApiVersion(ex, versions)) return;
  if (caller.kind === "pat" && !patHasScope(caller.pat, "vso.profile")) {
    return sendPatScopeMissing(ex, 403, INVALID_ACCESS, "vso.profile");
  }
  if (ex.method !== "GET") return methodNotAllowed(ex);
  next(caller.user);
}

function profile(ex: Exchange, ctx: EmulatorContext, user: User, who: string): void {
  if (who.toLowerCase() !== "me" && who.toLowerCase() !== user.id) {
    return sendVssError(
      ex,
      404,
      {
        typeKey: "ProfileNotFoundException",
        typeName: "Microsoft.VisualStudio.Services.Profile.ProfileNotFoundException, Microsoft.VisualStudio.Services.WebApi",
      },
      `Profile ${who} was not found.`,
    );
  }
  ex.json(200, {
    displayName: user.displayName,
    publicAlias: user.id,
    emailAddress: user.principalName,
    coreRevision: 1,
    timeStamp: new Date(ctx.state.clock.nowMs()).toISOString().replace("Z", "+00:00"),
    id: user.id,
    revision: 1,
  });
}

function accounts(ex: Exchange, ctx: EmulatorContext, user: User): void {
  const memberId = ex.query("memberId");
  const ownerId = ex.query("ownerId");
  if (!memberId && !ownerId) return sendVssError(ex, 400, ARGUMENT, "Either memberId or ownerId must be specified.");
  const subject = (memberId ?? ownerId ?? "").toLowerCase();
  if (subject !== user.id) return ex.json(200, { count: 0, value: [] });
  const orgs = user.organizations.map((id) => ctx.state.organizations.get(id)).filter((o) => o !== undefined);
  ex.json(200, {
    count: orgs.length,
    value: orgs.map((o) => ({ accountId: o.id, accountUri: `${ex.origin}/${o.name}/`, accountName: o.name, properties: {} })),
  });
}
