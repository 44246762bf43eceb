// Previous and next page of a long list, with where we are in words.

export function Pager({
  page,
  pageCount,
  onPage,
  label,
}: {
  page: number;
  pageCount: number;
  onPage(page: number): void;
  label: string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 0}>
        Previous page
      </button>
      <span aria-live="polite">
        Page {page + 1} of {pageCount}
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page + 1 >= pageCount}>
        Next page
      </button>
    </nav>
  );
}
