/** Runs one user action at a time and keeps its error, in words, for the dialog to show. */
import * as React from "react";
import { explainError, type ErrorInWords } from "./describe-error";

export interface ActionState {
  busy: boolean;
  error: ErrorInWords | undefined;
  run(action: () => Promise<void>): void;
  clearError(): void;
}

export function useAction(): ActionState {
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<ErrorInWords | undefined>();
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
        setError(explainError(e));
      },
    );
  }, []);
  return { busy, error, run, clearError: React.useCallback(() => setError(undefined), []) };
}
