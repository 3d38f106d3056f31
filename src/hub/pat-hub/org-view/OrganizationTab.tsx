/** Switches between the personal page (its children) and the organization view, with two links above them. */
import * as React from "react";
import { Page } from "azure-devops-ui/Page";
import { OrganizationView } from "./OrganizationView";
import { ORG_VIEW_CONCURRENCY, type OrgViewAccess } from "./org-view-access";
import { orgStrings as s } from "./org-strings";

/** "Expiring" in the organization view: the Check PAT expiry task's default warning window. */
const EXPIRING_WITHIN_DAYS = 14;
/** How far back the audit log panel looks: the Check PAT expiry task's default (auditDays). */
const AUDIT_DAYS = 30;

export interface OrganizationTabProps {
  access: () => OrgViewAccess;
  now: () => number;
  children: React.ReactNode;
}

export function OrganizationTab(props: OrganizationTabProps): JSX.Element {
  const [view, setView] = React.useState<"mine" | "organization">("mine");
  const access = React.useMemo(() => (view === "organization" ? props.access() : undefined), [view, props.access]);
  const link = (id: "mine" | "organization", text: string) => (
    <button
      type="button"
      className={`org-tab org-tab-${id}${view === id ? " org-tab-selected" : ""}`}
      aria-pressed={view === id}
      onClick={() => setView(id)}
    >
      {text}
    </button>
  );
  return (
    <>
      <nav className="flex-row rhythm-horizontal-16 padding-horizontal-16 padding-top-8 org-tabs">
        {link("mine", s.tabMine)}
        {link("organization", s.tabOrganization)}
      </nav>
      {view === "mine" || !access ? (
        props.children
      ) : (
        <Page className="flex-grow pat-hub-page org-page">
          <OrganizationView
            org={access.org}
            throttled={access.throttled}
            checkPermissions={access.checkPermissions}
            checkAuditPermission={access.checkAuditPermission}
            auditDays={AUDIT_DAYS}
            now={props.now}
            expiringWithinDays={EXPIRING_WITHIN_DAYS}
            maxLifetimeDays={null}
            concurrency={ORG_VIEW_CONCURRENCY}
          />
        </Page>
      )}
    </>
  );
}
