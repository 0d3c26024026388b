import Link from "next/link";
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import type { PersonalDetailsDto } from "@/lib/data-inventory/get-personal-details";
import type { AddressDto } from "@/lib/data-inventory/list-addresses";
import type { DeviceDto } from "@/lib/data-inventory/list-devices";
import type { InteractionDto } from "@/lib/data-inventory/list-interactions";
import type { LoyaltyAccountDto, LoyaltyTransactionDto } from "@/lib/data-inventory/list-loyalty";
import type { MessageDto } from "@/lib/data-inventory/list-messages";
import type { OrderDto } from "@/lib/data-inventory/list-orders";
import type { TicketDto } from "@/lib/data-inventory/list-tickets";
import { DataTable } from "./data-table";

// The records of one category, as the customer reads them. Data from the database
// (subjects, names) is shown as stored; codes (status, channel) are translated.

async function helpers() {
  const t = await getTranslations("data");
  const format = await getFormatter();
  return {
    t,
    format,
    date: (d: Date) => format.dateTime(d, { dateStyle: "medium" }),
    dateTime: (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }),
    tableLabel: (name: string) => t("detail.tableLabel", { name }),
  };
}

const linkClass = "link font-medium";

export async function PersonalDetails({
  details,
  part,
}: {
  details: PersonalDetailsDto;
  part: "identity" | "contact";
}) {
  const { t, format } = await helpers();
  const notGiven = <span className="text-slate-700">{t("fields.notGiven")}</span>;
  const rows: [string, ReactNode][] =
    part === "identity"
      ? [
          [t("fields.customerNumber"), String(details.customerNumber)],
          [t("fields.givenName"), details.givenName],
          [t("fields.familyName"), details.familyName],
          [
            t("fields.birthDate"),
            details.birthDate
              ? format.dateTime(new Date(`${details.birthDate}T12:00:00Z`), { dateStyle: "long" })
              : notGiven,
          ],
          [t("fields.email"), details.email],
          [t("fields.customerSince"), format.dateTime(details.customerSince, { dateStyle: "long" })],
        ]
      : [
          [t("fields.email"), details.email],
          [t("fields.phone"), details.phone ?? notGiven],
        ];
  return (
    <div className="space-y-4">
      <dl className="grid gap-3 card p-5 sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt className="font-medium">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <Link href="/account/profile" className={linkClass}>
        {t("detail.correct")}
      </Link>
    </div>
  );
}

export async function AddressTable({ items }: { items: AddressDto[] }) {
  const { t, date, tableLabel } = await helpers();
  return (
    <DataTable
      label={tableLabel(t("categories.addresses.name"))}
      columns={[t("fields.label"), t("fields.address"), t("fields.primary"), t("fields.added")]}
      rows={items.map((a) => ({
        key: a.id,
        cells: [
          t(`addressLabel.${a.label}`),
          [a.line1, a.line2, `${a.postcode} ${a.city}`, a.country].filter(Boolean).join(", "),
          a.isPrimary ? t("detail.yes") : t("detail.no"),
          date(a.createdAt),
        ],
      }))}
    />
  );
}

export async function OrderTable({ items }: { items: OrderDto[] }) {
  const { t, format, date, tableLabel } = await helpers();
  return (
    <DataTable
      label={tableLabel(t("categories.orders.name"))}
      columns={[
        t("fields.orderNumber"),
        t("fields.date"),
        t("fields.status"),
        t("fields.channel"),
        t("fields.items"),
        t("fields.total"),
      ]}
      rows={items.map((o) => ({
        key: o.id,
        cells: [
          o.orderNumber,
          date(o.placedAt),
          t(`orderStatus.${o.status}`),
          t(`channels.${o.channel}`),
          format.number(o.itemCount),
          format.number(o.totalOre / 100, { style: "currency", currency: o.currency }),
        ],
      }))}
    />
  );
}

export async function LoyaltyAccount({ account }: { account: LoyaltyAccountDto }) {
  const { t, format } = await helpers();
  const rows: [string, string][] = [
    [t("fields.memberNumber"), account.memberNumber],
    [t("fields.tier"), t(`tier.${account.tier}`)],
    [t("fields.pointsBalance"), format.number(account.pointsBalance)],
    [t("fields.memberSince"), format.dateTime(account.joinedAt, { dateStyle: "long" })],
  ];
  return (
    <dl className="grid gap-3 card p-5 sm:grid-cols-2">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="font-medium">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export async function LoyaltyTable({ items }: { items: LoyaltyTransactionDto[] }) {
  const { t, format, date, tableLabel } = await helpers();
  return (
    <DataTable
      label={tableLabel(t("categories.loyalty.name"))}
      columns={[t("fields.date"), t("fields.points"), t("fields.reason"), t("fields.orderNumber")]}
      rows={items.map((l) => ({
        key: l.id,
        cells: [
          date(l.occurredAt),
          format.number(l.points, { signDisplay: "exceptZero" }),
          t(`loyaltyReason.${l.reason}`),
          l.orderNumber ?? "",
        ],
      }))}
    />
  );
}

export async function DeviceTable({ items }: { items: DeviceDto[] }) {
  const { t, date, tableLabel } = await helpers();
  return (
    <DataTable
      label={tableLabel(t("categories.devices.name"))}
      columns={[
        t("fields.device"),
        t("fields.deviceKind"),
        t("fields.os"),
        t("fields.firstSeen"),
        t("fields.lastSeen"),
      ]}
      rows={items.map((d) => ({
        key: d.id,
        cells: [d.name, t(`deviceKind.${d.kind}`), d.os, date(d.firstSeenAt), date(d.lastSeenAt)],
      }))}
    />
  );
}

export async function InteractionTable({ items }: { items: InteractionDto[] }) {
  const { t, dateTime, tableLabel } = await helpers();
  const kind = (code: string) => (t.has(`interactionKinds.${code}`) ? t(`interactionKinds.${code}`) : code);
  return (
    <DataTable
      label={tableLabel(t("categories.interactions.name"))}
      columns={[t("fields.time"), t("fields.channel"), t("fields.what"), t("fields.source"), t("fields.collectedFor")]}
      rows={items.map((e) => ({
        key: e.id,
        cells: [
          dateTime(e.occurredAt),
          t(`channels.${e.channel}`),
          kind(e.kind),
          // Another system that sent it through the API.
          e.sentBy ?? t("fields.ourSystems"),
          e.purpose ?? "",
        ],
      }))}
    />
  );
}

export async function TicketTable({ items }: { items: TicketDto[] }) {
  const { t, date, tableLabel } = await helpers();
  return (
    <DataTable
      label={tableLabel(t("categories.tickets.name"))}
      columns={[
        t("fields.reference"),
        t("fields.subject"),
        t("fields.channel"),
        t("fields.status"),
        t("fields.opened"),
        t("fields.closed"),
      ]}
      rows={items.map((s) => ({
        key: s.id,
        cells: [
          s.reference,
          s.subject,
          t(`ticketChannel.${s.channel}`),
          t(`ticketStatus.${s.status}`),
          date(s.createdAt),
          s.closedAt ? date(s.closedAt) : "",
        ],
      }))}
    />
  );
}

export async function MessageTable({ items }: { items: MessageDto[] }) {
  const { t, dateTime, tableLabel } = await helpers();
  return (
    <DataTable
      label={tableLabel(t("categories.messages.name"))}
      columns={[t("fields.sent"), t("fields.channel"), t("fields.subject"), t("fields.purpose")]}
      rows={items.map((m) => ({
        key: m.id,
        cells: [dateTime(m.sentAt), t(`messageChannel.${m.channel}`), m.subject, m.purpose],
      }))}
    />
  );
}
