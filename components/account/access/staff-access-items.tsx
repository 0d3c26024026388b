"use client";

/** One staff access, already translated on the server. */
export type StaffAccessItem = {
  id: number;
  title: string;
  /** The "verified by support code" mark, when the customer vouched with a code. */
  verified: string | null;
  iso: string;
  when: string;
  /** The category (and case) of an agent's own reason; null for a system-given one. */
  justification: string | null;
  reason: string;
};

/**
 * The staff access list from compact data: a client component only so that the page sends
 * each entry once as data rather than twice as markup (see ARCHITECTURE.md, "Page weight").
 */
export function StaffAccessItems({
  items,
  labels,
}: {
  items: StaffAccessItem[];
  labels: { when: string; justification: string; reason: string };
}) {
  return (
    <ol className="space-y-3">
      {items.map((item) => (
        <li key={item.id} className="card">
          <p className="font-medium">
            {item.title}
            {item.verified ? <span className="badge badge-granting ml-3">✓ {item.verified}</span> : null}
          </p>
          <dl className="record mt-2 break-words">
            <dt>{labels.when}</dt>
            <dd>
              <time dateTime={item.iso}>{item.when}</time>
            </dd>
            {item.justification ? (
              <>
                <dt>{labels.justification}</dt>
                <dd>{item.justification}</dd>
              </>
            ) : null}
            <dt>{labels.reason}</dt>
            <dd>{item.reason}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
