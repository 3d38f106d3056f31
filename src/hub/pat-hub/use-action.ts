/** Runs one user action at a time and keeps its error as a sentence the dialog shows. */
import * as React from "react";
import { describeError } from "./describe-error";

export interface ActionState {
  busy: boolean;
  error: string | undefined;
  run(action: () => Promise<void>): void;
  clearError(): void;
}

export function useAction(): ActionState {
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | undefined>();
  const mounted = React.useRef(true);
  React.useEffect(() => () => void (mounted.current = false), []);
  const run = React.useCallback((action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    action().then(
      () => mounted.current && setBusy(false),
      (e: unknown) => {
        if (!mounted.current) return;
        setBusy(false);
        setError(describeError(e));
      },
    );
  }, []);
  return { busy, error, run, clearError: React.useCallback(() => setError(undefined), []) };
}
