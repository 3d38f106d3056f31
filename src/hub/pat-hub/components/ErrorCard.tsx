/** An error as one sentence, with the technical details and Activity Id behind "Show details", copyable for support. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { ClipboardButton } from "azure-devops-ui/Clipboard";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { ErrorInWords } from "../describe-error";
import { strings } from "../strings";

export interface ErrorCardProps {
  error: ErrorInWords;
  /** Put before the sentence ("Your tokens could not be loaded."). */
  lead?: string;
  className?: string;
  onRetry?(): void;
}

export function ErrorCard(props: ErrorCardProps): JSX.Element {
  const { error, lead, className = "pat-dialog-error", onRetry } = props;
  const [open, setOpen] = React.useState(false);
  const detailLines = [error.details, error.activityId ? strings.detailsActivityId(error.activityId) : ""].filter((l) => l !== "");
  const detailText = detailLines.join("\n");
  return (
    <MessageCard
      severity={MessageCardSeverity.Error}
      className={`pat-error ${className}`}
      buttonProps={onRetry ? [{ text: strings.retry, onClick: onRetry }] : undefined}
    >
      <div className="flex-column rhythm-vertical-8">
        <span className="pat-error-sentence">{lead ? `${lead} ${error.sentence}` : error.sentence}</span>
        {detailText && (
          <div className="flex-row flex-center rhythm-horizontal-8">
            <Button
              className="pat-error-toggle"
              subtle={true}
              text={open ? strings.hideDetails : strings.showDetails}
              ariaExpanded={open}
              onClick={() => setOpen(!open)}
            />
            {open && <ClipboardButton ariaLabel={strings.copyDetails} getContent={() => detailText} showCopiedTooltip={strings.copied} />}
          </div>
        )}
        {open && <pre className="pat-error-details">{detailText}</pre>}
      </div>
    </MessageCard>
  );
}
