export const ACCESS_PAGE_SIZE = 25;

export type Paged<T> = { items: T[]; page: number; pageCount: number; total: number };

/** A requested page number, clamped to the pages that exist (page 1 when there are none). */
export function clampPage(requested: number, total: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize };
}
