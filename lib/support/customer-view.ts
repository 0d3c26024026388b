import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import {
  customers,
  users,
  type CommunicationChannel,
  type LegalBasis,
  type RequestChannel,
  type RequestKind,
} from "@/db/schema";
import type { StaffJustification } from "@/lib/access-log/access-reasons";
import { scopedCustomerId, type StaffAccessScope } from "@/lib/auth/customer-scope";
import { evaluateConsent, readPurposesWithConsent, type ConsentStatus } from "@/lib/consent/effective-consent";
import type { CategoryKey } from "@/lib/data-inventory/categories";
import { readDataOverview } from "@/lib/data-inventory/get-data-overview";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { readCommunicationPreferences } from "@/lib/preferences/get-communication-preferences";
import type { AddressLabel } from "@/lib/profile/address-options";
import { readProfile } from "@/lib/profile/get-profile";
import { readRequests, type ShownStatus } from "@/lib/requests/list-requests";
import { readSignIns } from "@/lib/sessions/list-sign-ins";
import { maskAddress, maskBirthDate, maskEmail, maskName, maskPhone } from "@/lib/access-log/mask";

/** Sign-ins shown in the view (the customer's own page lists 90 days). */
export const VIEW_SIGN_IN_LIMIT = 20;

/** The access the view was opened with, as the customer sees it on their own page. */
export type ViewAccess = {
  justification: StaffJustification;
  caseReference: string | null;
  reason: string;
  /** Opened with the customer's support code. */
  verified: boolean;
};

/**
 * What an agent sees of a customer once opened with a reason: what the customer's own pages
 * show, masked by default. Each masked field is revealed by one more logged step.
 */
export type CustomerViewDto = {
  customerId: string;
  customerNumber: number;
  access: ViewAccess;
  details: {
    name: string;
    email: string;
    phone: string | null;
    birthDate: string | null;
    addresses: { label: AddressLabel; isPrimary: boolean; masked: string }[];
  };
  data: { key: CategoryKey; count: number }[];
  consents: { key: string; name: string; legalBasis: LegalBasis; status: ConsentStatus }[];
  preferences: { channel: CommunicationChannel; topics: number; contactable: number }[];
  requests: {
    id: string;
    kind: RequestKind;
    status: ShownStatus;
    receivedAt: Date;
    dueOn: string;
    overdue: boolean;
    channel: RequestChannel;
  }[];
  signIns: { occurredAt: Date; browser: string | null; os: string | null }[];
  signInTotal: number;
};

/**
 * Reads the view through the customer-side readers, with the scope of an access already
 * written to the log (withStaffAccess), in that access's transaction.
 */
export async function readCustomerView(
  tx: Executor,
  scope: StaffAccessScope,
  input: { locale: Locale; access: ViewAccess },
): Promise<CustomerViewDto> {
  const { locale } = input;
  // One after another: a transaction runs one statement at a time anyway.
  const [identity] = await tx
    .select({ customerNumber: customers.customerNumber, email: users.email })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.id))
    .where(eq(customers.id, scopedCustomerId(scope)))
    .limit(1);
  if (!identity) throw new AppError("not_found");
  const profile = await readProfile(tx, scope);
  const overview = await readDataOverview(tx, scope, locale);
  const purposes = await readPurposesWithConsent(tx, scope);
  const preferences = await readCommunicationPreferences(tx, scope, locale);
  const requests = await readRequests(tx, scope);
  const signIns = await readSignIns(tx, scope);
  return {
    customerId: scope.customerId,
    customerNumber: identity.customerNumber,
    access: input.access,
    details: {
      name: maskName(profile.givenName, profile.familyName),
      email: maskEmail(profile.email),
      phone: maskPhone(profile.phone),
      birthDate: maskBirthDate(profile.birthDate),
      addresses: profile.addresses.map((a) => ({ label: a.label, isPrimary: a.isPrimary, masked: maskAddress(a) })),
    },
    data: overview.map((c) => ({ key: c.key, count: c.count })),
    consents: purposes.map(({ purpose, state, restrictedSince }) => ({
      key: purpose.key,
      name: (purpose.texts[locale] ?? purpose.texts.en).name,
      legalBasis: purpose.legalBasis,
      status: evaluateConsent(purpose, state, { restrictedSince }).status,
    })),
    preferences: preferences.channels.map((c) => ({
      channel: c.channel,
      topics: c.topics,
      contactable: c.contactable,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.shownStatus,
      receivedAt: r.receivedAt,
      dueOn: r.effectiveDueOn,
      overdue: r.overdue,
      channel: r.channel,
    })),
    signIns: signIns.slice(0, VIEW_SIGN_IN_LIMIT).map(({ occurredAt, browser, os }) => ({ occurredAt, browser, os })),
    signInTotal: signIns.length,
  };
}
