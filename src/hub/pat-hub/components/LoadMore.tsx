/** Loads the next page while it is in view; also a button, for keyboards and screen readers. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { strings } from "../strings";

export interface LoadMoreProps {
  loading: boolean;
  /** Rows shown so far: each change may leave this sentinel in view. */
  shownCount: number;
  onLoadMore(): void;
}

export function LoadMore(props: LoadMoreProps): JSX.Element {
  const { loading, shownCount, onLoadMore } = props;
  const ref = React.useRef<HTMLDivElement>(null);
  const latest = React.useRef(onLoadMore);
  latest.current = onLoadMore;
  const observer = React.useRef<IntersectionObserver>();
  React.useEffect(() => {
    if (typeof IntersectionObserver === "undefined") return;
    const o = new IntersectionObserver((entries) => {
      if (entries[entries.length - 1].isIntersecting) latest.current();
    });
    observer.current = o;
    return () => o.disconnect();
  }, []);
  // After each page, observe afresh: an observer reports only changes, and a sentinel can be back in
  // view (or never have left it) by the time it looks. A new observation always reports where it is.
  React.useEffect(() => {
    const element = ref.current;
    if (loading || !element || !observer.current) return;
    observer.current.unobserve(element);
    observer.current.observe(element);
  }, [loading, shownCount]);
  return (
    <div ref={ref} className="flex-row justify-center pat-load-more">
      <Button text={loading ? strings.loadingMore : strings.loadMore} onClick={onLoadMore} disabled={loading} subtle={true} />
    </div>
  );
}
