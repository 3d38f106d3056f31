/**
 * Seed data for `npm run emulator` and `startEmulator({ seed: true })`: organizations
 * "contoso" and "fabrikam", Ada Lovelace with about 45 PATs in every state, a second user, and a
 * variable group for refresh-token write-back.
 */
import type { EmulatorState, User } from "./state";

const DAY_MS = 24 * 3600_000;

export interface SeedSummary {
  ada: User;
  grace: User;
  variableGroupId: number;
}

export const SEED_PASSWORD = "correct horse battery staple";

export function seedState(state: EmulatorState): SeedSummary {
  state.addOrganization("contoso");
  state.addOrganization("fabrikam");
  const ada = state.addUser({
    displayName: "Ada Lovelace",
    principalName: "ada@contoso.com",
    password: SEED_PASSWORD,
    organizations: ["contoso", "fabrikam"],
    tokenAdminOf: ["contoso"],
  });
  const grace = state.addUser({
    displayName: "Grace Hopper",
    principalName: "grace@contoso.com",
    password: SEED_PASSWORD,
    mfaRequired: true,
    organizations: ["contoso"],
  });
  const now = state.clock.nowMs();
  const at = (days: number) => new Date(now + days * DAY_MS).toISOString();
  const pat = (
    user: User,
    displayName: string,
    o: { from: number; to: number; scope?: string; orgs?: string[] | "global"; revoked?: boolean },
  ) =>
    state.addPat(user.id, {
      displayName,
      validFrom: at(o.from),
      validTo: at(o.to),
      scope: o.scope ?? "vso.code",
      organizations: o.orgs ?? ["contoso"],
      revoked: o.revoked,
    });

  // Active, expiring at different distances (the expiry check's interesting cases).
  pat(ada, "build-agent-pool", { from: -300, to: 2, scope: "vso.agentpools_manage" });
  pat(ada, "nuget-feed-publisher", { from: -170, to: 5, scope: "vso.packaging_write" });
  pat(ada, "release-pipeline", { from: -80, to: 6, scope: "vso.build_execute vso.release_execute" });
  pat(ada, "git-mirror-sync", { from: -350, to: 13, scope: "vso.code_write" });
  pat(ada, "work-item-bot", { from: -60, to: 29, scope: "vso.work_write" });
  pat(ada, "dashboard-reader", { from: -30, to: 60, scope: "vso.dashboards" });
  pat(ada, "analytics-export", { from: -10, to: 170, scope: "vso.analytics" });
  pat(ada, "full-access-admin", { from: -20, to: 40, scope: "app_token" });
  pat(ada, "fabrikam-deployments", { from: -5, to: 25, scope: "vso.build_execute", orgs: ["fabrikam"] });
  pat(ada, "both-orgs-legacy", { from: -40, to: 90, scope: "vso.code", orgs: ["contoso", "fabrikam"] });
  for (let i = 1; i <= 18; i++) {
    pat(ada, `service-hook-${String(i).padStart(2, "0")}`, {
      from: -i * 7,
      to: 10 + i * 9,
      scope: i % 3 === 0 ? "vso.code vso.work" : "vso.build",
    });
  }
  // Global PATs created before Microsoft blocked them (2026-03-15); they stop working on 2026-12-01.
  state.addPat(ada.id, {
    displayName: "global-cli-token",
    validFrom: "2026-02-01T09:00:00Z",
    validTo: "2027-01-31T09:00:00Z",
    scope: "app_token",
    organizations: "global",
  });
  state.addPat(ada.id, {
    displayName: "global-packaging",
    validFrom: "2026-03-01T09:00:00Z",
    validTo: "2027-02-28T09:00:00Z",
    scope: "vso.packaging",
    organizations: "global",
  });
  // Expired.
  for (let i = 1; i <= 7; i++)
    pat(ada, `expired-${["ci", "cd", "docs", "wiki", "test", "perf", "old"][i - 1]}`, { from: -200 - i * 10, to: -i * 6 });
  // Revoked (some would still be within their lifetime).
  for (let i = 1; i <= 6; i++)
    pat(ada, `revoked-${i}`, { from: -90 - i, to: i % 2 ? 30 : -3, revoked: true, scope: i === 1 ? "app_token" : "vso.code" });

  pat(grace, "grace-compiler-ci", { from: -15, to: 45, scope: "vso.build" });
  pat(grace, "grace-expiring", { from: -360, to: 3, scope: "vso.code" });

  const group = state.addVariableGroup(state.requireOrganization("contoso").id, "PatOps", "pat-lifecycle-credentials", {
    "pat-lifecycle.refreshToken": { value: "", isSecret: true },
    "pat-lifecycle.tenantId": { value: state.tenantId, isSecret: false },
  });
  return { ada, grace, variableGroupId: group.id };
}
