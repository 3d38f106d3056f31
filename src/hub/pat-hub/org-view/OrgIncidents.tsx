/** The organization view's audit log panel: PATs found in public or revoked by Azure DevOps in the last days, with user and date. */
import * as React from "react";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import type { OrgContext } from "../../../api/context";
import { collectAuditFindings } from "../../../expiry/collect-audit";
import type { AuditFindings } from "../../../expiry/pat-incidents";
import { describeError } from "../describe-error";
import { orgStrings as s } from "./org-strings";

export interface OrgIncidentsProps {
  org: OrgContext;
  /** Throws the sentence to show when the sign-in may not read the audit log (checked before any request). */
  checkAuditPermission(): Promise<void>;
  now: () => number;
  days: number;
}

type IncidentsState = { kind: "reading" } | { kind: "read"; findings: AuditFindings } | { kind: "failed"; message: string };

export function OrgIncidents(props: OrgIncidentsProps): JSX.Element {
  const { org, days } = props;
  const [state, setState] = React.useState<IncidentsState>({ kind: "reading" });
  React.useEffect(() => {
    let live = true;
    const notAllowed = (said: string) => s.auditNotAllowed(org.organization, said);
    props
      .checkAuditPermission()
      .then(
        () => collectAuditFindings(org, { now: new Date(props.now()), days, notAllowed }),
        // A missing vso.auditlog is a reason not to read, not a failure of the view.
        (e: unknown): AuditFindings => ({ read: false, days, reason: describeError(e) }),
      )
      .then(
        (findings) => live && setState({ kind: "read", findings }),
        (e: unknown) => live && setState({ kind: "failed", message: describeError(e) }),
      );
    return () => {
      live = false;
    };
    // Read once per mount, like the scan beside it.
  }, []);

  let body: JSX.Element;
  if (state.kind === "reading") {
    body = (
      <div className="flex-row flex-center rhythm-horizontal-8" role="status">
        <Spinner size={SpinnerSize.small} />
        <span>{s.incidentsReading(days)}</span>
      </div>
    );
  } else if (state.kind === "failed") {
    body = (
      <MessageCard severity={MessageCardSeverity.Error} className="org-incidents-failed">
        {s.incidentsFailed(state.message)}
      </MessageCard>
    );
  } else if (!state.findings.read) {
    body = (
      <MessageCard severity={MessageCardSeverity.Info} className="org-incidents-not-read">
        {s.incidentsNotRead(state.findings.reason)}
      </MessageCard>
    );
  } else if (state.findings.incidents.length === 0) {
    body = <p className="org-incidents-none">{s.incidentsNone(days)}</p>;
  } else {
    body = (
      <table className="org-incidents-table">
        <thead>
          <tr>
            <th>{s.incidentColumns.event}</th>
            <th>{s.incidentColumns.name}</th>
            <th>{s.incidentColumns.user}</th>
            <th>{s.incidentColumns.at}</th>
          </tr>
        </thead>
        <tbody>
          {state.findings.incidents.map((i, n) => (
            <tr key={`${i.at}-${n}`} className={`org-incident org-incident-${i.kind}`}>
              <td className="org-incident-kind">{s.incidentKinds[i.kind]}</td>
              <td className="org-incident-name">{i.patName}</td>
              <td className="org-incident-user">{i.owner}</td>
              <td className="org-incident-at">{`${i.at.slice(0, 10)} ${i.at.slice(11, 16)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <section className="flex-column rhythm-vertical-8 org-incidents" aria-label={s.incidentsTitle(days)}>
      <h3 className="title-s">{s.incidentsTitle(days)}</h3>
      {body}
    </section>
  );
}
