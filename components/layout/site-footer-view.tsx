"use client";

import Link from "next/link";

export type SiteFooterText = {
  label: string;
  privacyNotice: string;
  transparencyReport: string;
  verifyReceipt: string;
  developers: string;
  controllerLabel: string;
  controller: { name: string; email: string };
  dpoLabel: string;
  dpoEmail: string;
};

/**
 * The footer's markup, from texts the server translated (components/layout/site-footer.tsx).
 * A client component only because it is on every page: its texts travel once as data, not
 * as a tree that the RSC payload repeats (ARCHITECTURE.md, "Page weight").
 */
export function SiteFooterView({ text }: { text: SiteFooterText }) {
  return (
    <footer className="site-footer">
      <div className="site-footer-bar">
        <nav aria-label={text.label}>
          <ul className="flex flex-wrap gap-x-6">
            <li>
              <Link href="/privacy" className="link">
                {text.privacyNotice}
              </Link>
            </li>
            <li>
              <Link href="/transparency" className="link">
                {text.transparencyReport}
              </Link>
            </li>
            <li>
              <Link href="/receipts/verify" className="link">
                {text.verifyReceipt}
              </Link>
            </li>
            <li>
              <Link href="/developers" className="link">
                {text.developers}
              </Link>
            </li>
          </ul>
        </nav>
        <dl className="facts">
          <div>
            <dt>{text.controllerLabel}</dt>
            <dd>
              {text.controller.name},{" "}
              <a href={`mailto:${text.controller.email}`} className="link-text break-all">
                {text.controller.email}
              </a>
            </dd>
          </div>
          <div>
            <dt>{text.dpoLabel}</dt>
            <dd>
              <a href={`mailto:${text.dpoEmail}`} className="link-text break-all">
                {text.dpoEmail}
              </a>
            </dd>
          </div>
        </dl>
      </div>
    </footer>
  );
}
