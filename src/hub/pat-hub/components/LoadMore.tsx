/** Loads the next page while it is in view; also a button, for keyboards and screen readers. */
import * as React from "react";
import { Button } from "azure-devops-ui/Button";
import { strings } from "../strings";

export function LoadMore(props: { loading: boolean; onLoadMore(): void }): JSX.Element {
  const { loading, onLoadMore } = props;
  const ref = React.useRef<HTMLDivElement>(null);
  const latest = React.useRef(onLoadMore);
  latest.current = onLoadMore;
  // What the observer last said: a sentinel that stays in view sends no new event.
  const inView = React.useRef(false);
  React.useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      inView.current = entries[entries.length - 1].isIntersecting;
      if (inView.current) latest.current();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // A page that arrives while the sentinel is still in view: ask for the next one.
  React.useEffect(() => {
    if (!loading && inView.current) latest.current();
  }, [loading]);
  return (
    <div ref={ref} className="flex-row justify-center pat-load-more">
      <Button text={loading ? strings.loadingMore : strings.loadMore} onClick={onLoadMore} disabled={loading} subtle={true} />
    </div>
  );
}
