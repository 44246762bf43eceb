// Previous and next page of a list whose length the node does not say: a page is read with one row more than it
// shows, and that row tells whether there is a next page.

export function MorePager({
  page,
  hasNext,
  onPage,
  label,
}: {
  page: number;
  hasNext: boolean;
  onPage(page: number): void;
  label: string;
}) {
  if (page === 0 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 0}>
        Previous page
      </button>
      <span aria-live="polite">Page {page + 1}</span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={!hasNext}>
        Next page
      </button>
    </nav>
  );
}
