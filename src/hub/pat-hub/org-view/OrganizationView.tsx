/** The organization view for token administrators: every user's PATs as they load, flags, filter, sort, CSV, revoke; leaked PATs. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { Dialog } from "azure-devops-ui/Dialog";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import type { OrgContext } from "../../../api/context";
import { revokeAuthorizationsAdmin } from "../../../api/tokenadmin";
import { describeError } from "../describe-error";
import { OrgFilterField } from "./OrgFilterField";
import { OrgIncidents } from "./OrgIncidents";
import { filterRows, rowsToCsv, sortRows, withLifetimePolicy, type OrgSortKey } from "./org-rows";
import type { OrgFlag } from "./org-scan-stream";
import { orgStrings as s } from "./org-strings";
import { useOrgScan } from "./use-org-scan";

export interface OrganizationViewProps {
  /** Token Admin and Graph through a paced client; `throttled()` says whether the service has slowed it down. */
  org: OrgContext;
  throttled(): boolean;
  /** Called before the scan: throws the sentence to show when the token cannot administer tokens. */
  checkPermissions(): Promise<void>;
  /** Throws the sentence to show when the token may not read the audit log. */
  checkAuditPermission(): Promise<void>;
  /** The audit log panel looks this many days back. */
  auditDays: number;
  now: () => number;
  expiringWithinDays: number;
  maxLifetimeDays: number | null;
  concurrency: number;
}

const FLAGS: OrgFlag[] = ["global", "fullScope", "longLifetime", "expired", "expiring"];

export function OrganizationView(props: OrganizationViewProps): JSX.Element {
  const { org, now, expiringWithinDays, concurrency } = props;
  const [policyText, setPolicyText] = React.useState(props.maxLifetimeDays === null ? "" : String(props.maxLifetimeDays));
  const policyDays = /^\d{1,4}$/.test(policyText.trim()) ? Number(policyText.trim()) : null;
  const { rows, setRows, scan, unreadable, throttled } = useOrgScan({
    org,
    throttled: props.throttled,
    checkPermissions: props.checkPermissions,
    nowMs: now(),
    expiringWithinDays,
    concurrency,
  });
  const [flags, setFlags] = React.useState<OrgFlag[]>([]);
  const [user, setUser] = React.useState("");
  const [sort, setSort] = React.useState<{ key: OrgSortKey; ascending: boolean }>({ key: "expiry", ascending: true });
  const [selected, setSelected] = React.useState<Set<string>>(new Set());
  const [confirming, setConfirming] = React.useState(false);
  const [revoke, setRevoke] = React.useState<{ busy: boolean; error?: string; notice?: string }>({ busy: false });

  const flagged = React.useMemo(() => withLifetimePolicy(rows, policyDays), [rows, policyDays]);
  const shown = React.useMemo(() => sortRows(filterRows(flagged, { flags, user }), sort.key, sort.ascending), [flagged, flags, user, sort]);
  const selectedRows = flagged.filter((r) => selected.has(r.finding.pat.authorizationId));

  if (scan.kind === "notAdmin") {
    return (
      <div className="page-content page-content-top">
        <MessageCard severity={MessageCardSeverity.Info} className="org-not-admin">
          {s.notAdmin(org.organization)}
        </MessageCard>
      </div>
    );
  }

  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([rowsToCsv(shown)], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `pats-${org.organization}.csv`;
    a.className = "org-csv-link";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const confirmRevoke = () => {
    setRevoke({ busy: true });
    const ids = selectedRows.map((r) => r.finding.pat.authorizationId);
    revokeAuthorizationsAdmin(org, ids).then(
      () => {
        setRows((all) => all.filter((r) => !ids.includes(r.finding.pat.authorizationId)));
        setSelected(new Set());
        setConfirming(false);
        setRevoke({ busy: false, notice: s.revoked(ids.length) });
      },
      (e: unknown) => setRevoke({ busy: false, error: s.revokeFailed(describeError(e)) }),
    );
  };

  const toggle = (id: string) =>
    setSelected((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const header = (key: OrgSortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.ascending ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className={`org-sort org-sort-${key}`}
        onClick={() => setSort((st) => ({ key, ascending: st.key === key ? !st.ascending : true }))}
      >
        {label}
      </button>
    </th>
  );

  return (
    <div className="page-content page-content-top flex-column rhythm-vertical-16 org-view">
      <h2 className="title-m">{s.title}</h2>
      <OrgIncidents org={org} checkAuditPermission={props.checkAuditPermission} now={now} days={props.auditDays} />
      {scan.kind === "failed" && (
        <MessageCard severity={MessageCardSeverity.Error} className="org-failed">
          {s.failed(scan.message)}
        </MessageCard>
      )}
      {(scan.kind === "scanning" || scan.kind === "done") && (
        <div className="flex-row flex-center rhythm-horizontal-8 org-progress" role="status">
          {scan.kind === "scanning" && <Spinner size={SpinnerSize.small} />}
          <span>{s.progress(scan.read, scan.known, scan.allKnown && scan.kind === "done")}</span>
        </div>
      )}
      {throttled && (
        <MessageCard severity={MessageCardSeverity.Warning} className="org-throttled">
          {s.throttled}
        </MessageCard>
      )}
      {unreadable > 0 && (
        <MessageCard severity={MessageCardSeverity.Warning} className="org-unreadable">
          {s.unreadable(unreadable)}
        </MessageCard>
      )}
      {revoke.notice && (
        <MessageCard severity={MessageCardSeverity.Info} className="org-revoked">
          {revoke.notice}
        </MessageCard>
      )}
      <div className="flex-row flex-wrap flex-center rhythm-horizontal-16 org-filters">
        <OrgFilterField inputId="org-user-filter" label={s.userFilter} value={user} onChange={setUser} />
        <OrgFilterField inputId="org-lifetime-policy" label={s.lifetimePolicy} value={policyText} onChange={setPolicyText} />
        {FLAGS.map((flag) => (
          <label key={flag} className={`org-flag-filter org-flag-filter-${flag}`}>
            <input
              type="checkbox"
              checked={flags.includes(flag)}
              onChange={() => setFlags((f) => (f.includes(flag) ? f.filter((x) => x !== flag) : [...f, flag]))}
            />{" "}
            {flag === "expiring" ? s.expiringWithin(expiringWithinDays) : s.flagLabels[flag]}
          </label>
        ))}
      </div>
      <div className="flex-row flex-center rhythm-horizontal-8">
        <span className="org-count">{s.count(shown.length, rows.length)}</span>
        <Button
          className="org-export"
          text={s.exportCsv}
          iconProps={{ iconName: "Download" }}
          onClick={exportCsv}
          disabled={shown.length === 0}
        />
        <Button
          className="org-revoke"
          text={s.revokeSelected(selectedRows.length)}
          danger
          onClick={() => setConfirming(true)}
          disabled={selectedRows.length === 0}
        />
      </div>
      <table className="org-table">
        <thead>
          <tr>
            <th />
            {header("user", s.columns.user)}
            {header("name", s.columns.name)}
            {header("scope", s.columns.scope)}
            {header("expiry", s.columns.expiry)}
            <th>{s.columns.flags}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const id = r.finding.pat.authorizationId;
            return (
              <tr key={id} className="org-row">
                <td>
                  <input
                    type="checkbox"
                    className="org-select"
                    aria-label={s.selectRow(r.finding.pat.displayName, r.owner.principalName)}
                    checked={selected.has(id)}
                    onChange={() => toggle(id)}
                  />
                </td>
                <td className="org-user">
                  {r.owner.displayName} ({r.owner.principalName})
                </td>
                <td className="org-name">{r.finding.pat.displayName}</td>
                <td className="org-scope">{r.finding.pat.scope}</td>
                <td className="org-expiry">
                  {r.finding.breaksAt ? `${r.finding.breaksAt.slice(0, 10)} ${r.finding.breaksAt.slice(11, 16)}` : r.finding.pat.validTo}
                </td>
                <td className="org-flags">{r.flags.map((f) => s.flagLabels[f]).join(", ")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {confirming && (
        <Dialog
          titleProps={{ text: s.confirmTitle(selectedRows.length) }}
          onDismiss={() => !revoke.busy && setConfirming(false)}
          footerButtonProps={[
            { text: s.cancel, onClick: () => setConfirming(false), disabled: revoke.busy },
            { text: revoke.busy ? s.revoking : s.confirmButton, danger: true, onClick: confirmRevoke, disabled: revoke.busy },
          ]}
        >
          <div className="flex-column rhythm-vertical-8 org-confirm">
            <p>{s.confirmText}</p>
            <ul className="org-confirm-list">
              {selectedRows.map((r) => (
                <li
                  key={r.finding.pat.authorizationId}
                >{`${r.finding.pat.displayName} — ${r.owner.displayName} (${r.owner.principalName})`}</li>
              ))}
            </ul>
            {revoke.error && (
              <MessageCard severity={MessageCardSeverity.Error} className="org-revoke-error">
                {revoke.error}
              </MessageCard>
            )}
          </div>
        </Dialog>
      )}
    </div>
  );
}
