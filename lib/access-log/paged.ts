// Ten to a page: /account/access shows two lists, and a page of 25 cards each came to
// about 70 kB of HTML (see ARCHITECTURE.md, "Page weight").
export const ACCESS_PAGE_SIZE = 10;

export type Paged<T> = { items: T[]; page: number; pageCount: number; total: number };

/** A requested page number, clamped to the pages that exist (page 1 when there are none). */
export function clampPage(requested: number, total: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize };
}
