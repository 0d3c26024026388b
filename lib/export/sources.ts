import "server-only";
import { eq, gt } from "drizzle-orm";
import {
  addresses,
  apiClients,
  communicationPreferences,
  consentEvents,
  consentStates,
  customers,
  dataChanges,
  dataSubjectRequestEvents,
  dataSubjectRequests,
  devices,
  disclosures,
  inferences,
  interactionEvents,
  loyaltyAccounts,
  loyaltyTransactions,
  messagesSent,
  orders,
  sessions,
  signInEvents,
  customerAccessLog,
  supportTickets,
  users,
} from "@/db/schema";
import { staffAccessColumns } from "@/lib/access-log/staff-access-dto";
import { publicSessionId } from "@/lib/sessions/session-id";
import { field } from "./fields";
import { nstr, str } from "./json-schema";
import { exportCategoryKeys, type ExportCategoryKey } from "./keys";
import { keysetSource, smallSource, type ExportSource } from "./source-reader";

// What an export holds, one source per table the customer's data lives in: its fields, each
// named once with the column it comes from (never tokens, hashes, leases or roles), and the
// order its rows are read in. data.json, the CSVs and the JSON Schema all follow this list;
// source-reader.ts does the reading.

export type { ExportRecord, ExportValue } from "./fields";
export { exportCategoryKeys, type ExportCategoryKey, type ExportSource };

// As the customer sees it on /account/access: the staff member's display name and role, never their account id.
const staffAccess = staffAccessColumns(customerAccessLog);

export const exportSources: Record<ExportCategoryKey, ExportSource> = {
  profile: smallSource({
    table: customers,
    customerId: customers.id,
    join: { table: users, on: eq(users.id, customers.id) },
    fields: {
      customerId: field.id(customers.id),
      customerNumber: field.int(customers.customerNumber),
      givenName: field.text(customers.givenName),
      familyName: field.text(customers.familyName),
      email: field.text(users.email, { format: "email" }),
      emailVerifiedAt: field.time(users.emailVerified),
      phone: field.text(customers.phone),
      birthDate: field.day(customers.birthDate),
      locale: field.oneOf(customers.locale),
      createdAt: field.time(customers.createdAt),
      updatedAt: field.time(customers.updatedAt),
    },
    description: "Customer number, name, sign-in email, phone, birth date and language.",
    inventoryCategories: ["identity", "contact"],
    dpv: [
      "dpv-pd:UID",
      "dpv-pd:Name",
      "dpv-pd:EmailAddress",
      "dpv-pd:TelephoneNumber",
      "dpv-pd:BirthDate",
      "dpv-pd:Language",
    ],
  }),

  addresses: keysetSource({
    table: addresses,
    customerId: addresses.customerId,
    keyset: { time: addresses.createdAt, id: addresses.id },
    fields: {
      id: field.id(addresses.id),
      label: field.oneOf(addresses.label),
      line1: field.text(addresses.line1),
      line2: field.text(addresses.line2),
      postcode: field.text(addresses.postcode),
      city: field.text(addresses.city),
      country: field.text(addresses.country, { description: "ISO 3166-1 alpha-2" }),
      isPrimary: field.bool(addresses.isPrimary),
      createdAt: field.time(addresses.createdAt),
    },
    inventoryCategories: ["addresses"],
    dpv: ["dpv-pd:PhysicalAddress"],
  }),

  orders: keysetSource({
    table: orders,
    customerId: orders.customerId,
    keyset: { time: orders.placedAt, id: orders.id },
    fields: {
      id: field.id(orders.id),
      orderNumber: field.text(orders.orderNumber),
      placedAt: field.time(orders.placedAt),
      status: field.oneOf(orders.status),
      channel: field.oneOf(orders.channel),
      itemCount: field.int(orders.itemCount),
      totalOre: field.int(orders.totalOre, { description: "Total in øre (1/100 of the currency unit)." }),
      offerSavingOre: field.int(orders.offerSavingOre, {
        description: "What personalised offers saved on this order, in øre.",
      }),
      currency: field.text(orders.currency, { description: "ISO 4217, e.g. NOK" }),
      usedSavedAddress: field.bool(orders.usedSavedAddress),
    },
    description: "Money is an integer in øre together with its currency.",
    inventoryCategories: ["orders"],
    dpv: ["dpv-pd:Purchase", "dpv-pd:PurchasesAndSpendingHabit"],
  }),

  loyaltyAccount: smallSource({
    table: loyaltyAccounts,
    customerId: loyaltyAccounts.customerId,
    fields: {
      memberNumber: field.text(loyaltyAccounts.memberNumber),
      tier: field.oneOf(loyaltyAccounts.tier),
      pointsBalance: field.int(loyaltyAccounts.pointsBalance),
      joinedAt: field.time(loyaltyAccounts.joinedAt),
    },
    inventoryCategories: ["loyalty"],
    dpv: ["dpv-pd:Identifier", "dpv-pd:Transactional"],
  }),

  loyaltyTransactions: keysetSource({
    table: loyaltyTransactions,
    customerId: loyaltyTransactions.customerId,
    keyset: { time: loyaltyTransactions.occurredAt, id: loyaltyTransactions.id },
    fields: {
      id: field.id(loyaltyTransactions.id),
      occurredAt: field.time(loyaltyTransactions.occurredAt),
      points: field.int(loyaltyTransactions.points),
      reason: field.oneOf(loyaltyTransactions.reason),
      orderNumber: field.text(loyaltyTransactions.orderNumber),
    },
    inventoryCategories: ["loyalty"],
    dpv: ["dpv-pd:Transactional"],
  }),

  devices: keysetSource({
    table: devices,
    customerId: devices.customerId,
    keyset: { time: devices.firstSeenAt, id: devices.id },
    fields: {
      id: field.id(devices.id),
      kind: field.oneOf(devices.kind),
      name: field.text(devices.name),
      os: field.text(devices.os),
      firstSeenAt: field.time(devices.firstSeenAt),
      lastSeenAt: field.time(devices.lastSeenAt),
    },
    inventoryCategories: ["devices"],
    dpv: ["dpv-pd:DeviceBased", "dpv-pd:DeviceOperatingSystem"],
  }),

  interactionEvents: keysetSource({
    table: interactionEvents,
    customerId: interactionEvents.customerId,
    keyset: { time: interactionEvents.occurredAt, id: interactionEvents.id },
    // The system that sent an event through the API, by its name now (null: our own record).
    join: { table: apiClients, on: eq(apiClients.id, interactionEvents.apiClientId), left: true },
    fields: {
      id: field.id(interactionEvents.id),
      occurredAt: field.time(interactionEvents.occurredAt),
      channel: field.oneOf(interactionEvents.channel),
      kind: field.text(interactionEvents.kind),
      detail: field.object(interactionEvents.detail),
      purposeKey: field.added(
        "2026-12-02",
        field.text(interactionEvents.purposeKey, {
          description: "The purpose another system collected the event for, when it sent it through the API.",
        }),
      ),
      sentBy: field.added(
        "2026-12-02",
        field.custom(apiClients.name, {
          schema: { ...nstr, description: "The system that sent the event through the API (null: our own record)." },
          // Through the left join, null for our own records (the column itself is never null).
          write: (stored: string | null) => stored,
        }),
      ),
    },
    inventoryCategories: ["interactions"],
    dpv: ["dpv-pd:BrowsingBehavior", "dpv-pd:ServiceConsumptionBehavior"],
  }),

  supportTickets: keysetSource({
    table: supportTickets,
    customerId: supportTickets.customerId,
    keyset: { time: supportTickets.createdAt, id: supportTickets.id },
    fields: {
      id: field.id(supportTickets.id),
      reference: field.text(supportTickets.reference),
      subject: field.text(supportTickets.subject),
      channel: field.oneOf(supportTickets.channel),
      status: field.oneOf(supportTickets.status),
      createdAt: field.time(supportTickets.createdAt),
      closedAt: field.time(supportTickets.closedAt),
    },
    inventoryCategories: ["tickets"],
    dpv: ["dpv-pd:Communication"],
  }),

  messagesSent: keysetSource({
    table: messagesSent,
    customerId: messagesSent.customerId,
    keyset: { time: messagesSent.sentAt, id: messagesSent.id },
    fields: {
      id: field.id(messagesSent.id),
      sentAt: field.time(messagesSent.sentAt),
      channel: field.oneOf(messagesSent.channel),
      purposeKey: field.text(messagesSent.purposeKey),
      subject: field.text(messagesSent.subject),
    },
    inventoryCategories: ["messages"],
    dpv: ["dpv-pd:Communication"],
  }),

  inferences: keysetSource({
    table: inferences,
    customerId: inferences.customerId,
    keyset: { time: inferences.createdAt, id: inferences.id },
    fields: {
      id: field.id(inferences.id),
      kind: field.oneOf(inferences.kind),
      label: field.localised(inferences.label),
      derivedFrom: field.localised(inferences.derivedFrom),
      sourceCategories: field.strings(inferences.sourceCategories),
      status: field.oneOf(inferences.status),
      createdAt: field.time(inferences.createdAt),
      rejectedAt: field.time(inferences.rejectedAt),
    },
    description: "What was derived about you, and from what. A rejected one is kept only so it is never derived again.",
    inventoryCategories: ["inferences"],
    dpv: ["dpv-pd:IndividualProfile", "dpv-pd:Interest"],
  }),

  consentEvents: keysetSource({
    table: consentEvents,
    customerId: consentEvents.customerId,
    keyset: { time: consentEvents.occurredAt, id: consentEvents.id },
    fields: {
      id: field.id(consentEvents.id),
      occurredAt: field.time(consentEvents.occurredAt),
      purposeKey: field.text(consentEvents.purposeKey),
      purposeVersion: field.int(consentEvents.purposeVersion),
      action: field.oneOf(consentEvents.action),
      method: field.oneOf(consentEvents.method),
      sourceChannel: field.oneOf(consentEvents.sourceChannel),
      gpc: field.bool(consentEvents.gpc, { description: "A Global Privacy Control signal was sent." }),
      locale: field.oneOf(consentEvents.locale),
      userAgent: field.text(consentEvents.userAgent),
      shownText: field.custom(consentEvents.shownText, {
        schema: {
          type: "object",
          description: "The purpose text shown when the choice was made.",
          additionalProperties: str,
        },
        write: (shown) => Object.fromEntries(Object.entries(shown).filter(([, v]) => typeof v === "string")),
      }),
      expiresAt: field.time(consentEvents.expiresAt),
    },
    description: "Every consent choice (append-only history).",
    inventoryCategories: [],
    dpv: ["dpv-pd:PrivacyPreference", "dpv-pd:UserAgent"],
  }),

  consentStates: smallSource({
    table: consentStates,
    customerId: consentStates.customerId,
    orderBy: [consentStates.purposeKey],
    fields: {
      purposeKey: field.text(consentStates.purposeKey),
      purposeVersion: field.int(consentStates.purposeVersion),
      granted: field.bool(consentStates.granted),
      expiresAt: field.time(consentStates.expiresAt),
      lastEventId: field.id(consentStates.lastEventId),
      updatedAt: field.time(consentStates.updatedAt),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:PrivacyPreference"],
  }),

  communicationPreferences: smallSource({
    table: communicationPreferences,
    customerId: communicationPreferences.customerId,
    orderBy: [communicationPreferences.topic, communicationPreferences.channel],
    fields: {
      channel: field.oneOf(communicationPreferences.channel),
      topic: field.text(communicationPreferences.topic),
      allowed: field.bool(communicationPreferences.allowed),
      updatedAt: field.time(communicationPreferences.updatedAt),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:Preference"],
  }),

  staffAccessLog: keysetSource({
    table: customerAccessLog,
    customerId: customerAccessLog.customerId,
    keyset: { time: customerAccessLog.occurredAt, id: customerAccessLog.id },
    plannerFree: true,
    fields: {
      id: field.id(staffAccess.id),
      occurredAt: field.time(staffAccess.occurredAt),
      staffRole: field.oneOf(staffAccess.staffRole),
      staffName: field.text(staffAccess.staffName),
      action: field.oneOf(staffAccess.action),
      field: field.text(staffAccess.field),
      reason: field.text(staffAccess.reason),
      justification: field.oneOf(staffAccess.justification),
      caseReference: field.text(staffAccess.caseReference),
      verified: field.bool(staffAccess.verified),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
  }),

  disclosures: keysetSource({
    table: disclosures,
    customerId: disclosures.customerId,
    keyset: { time: disclosures.disclosedAt, id: disclosures.id },
    fields: {
      id: field.id(disclosures.id),
      disclosedAt: field.time(disclosures.disclosedAt),
      recipientName: field.text(disclosures.recipientName),
      recipientCountry: field.text(disclosures.recipientCountry),
      purposeKey: field.text(disclosures.purposeKey),
      dataCategories: field.strings(disclosures.dataCategories),
      reference: field.text(disclosures.reference),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
  }),

  dataChanges: keysetSource({
    table: dataChanges,
    customerId: dataChanges.customerId,
    keyset: { time: dataChanges.occurredAt, id: dataChanges.id },
    fields: {
      id: field.id(dataChanges.id),
      occurredAt: field.time(dataChanges.occurredAt),
      field: field.text(dataChanges.field),
      action: field.oneOf(dataChanges.action),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:Historical"],
  }),

  // Live sessions as on /account/devices: an opaque id, never the token (the token is the credential).
  sessions: smallSource({
    table: sessions,
    customerId: sessions.userId,
    only: () => gt(sessions.expires, new Date()),
    orderBy: [sessions.createdAt],
    fields: {
      id: field.id(sessions.sessionToken, publicSessionId),
      createdAt: field.time(sessions.createdAt),
      lastSeenAt: field.time(sessions.lastSeenAt),
      expiresAt: field.time(sessions.expires),
      userAgent: field.text(sessions.userAgent),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:AuthenticationHistory", "dpv-pd:UserAgent"],
  }),

  signIns: keysetSource({
    table: signInEvents,
    customerId: signInEvents.userId,
    keyset: { time: signInEvents.occurredAt, id: signInEvents.id },
    fields: {
      id: field.id(signInEvents.id),
      occurredAt: field.time(signInEvents.occurredAt),
      userAgent: field.text(signInEvents.userAgent),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:AuthenticationHistory", "dpv-pd:UserAgent"],
  }),

  dataSubjectRequests: keysetSource({
    table: dataSubjectRequests,
    customerId: dataSubjectRequests.customerId,
    keyset: { time: dataSubjectRequests.receivedAt, id: dataSubjectRequests.id },
    fields: {
      id: field.id(dataSubjectRequests.id),
      kind: field.oneOf(dataSubjectRequests.kind),
      status: field.oneOf(dataSubjectRequests.status),
      receivedAt: field.time(dataSubjectRequests.receivedAt),
      dueOn: field.day(dataSubjectRequests.dueOn),
      extendedDueOn: field.day(dataSubjectRequests.extendedDueOn),
      extensionReason: field.text(dataSubjectRequests.extensionReason),
      reason: field.text(dataSubjectRequests.reason),
      details: field.object(dataSubjectRequests.details),
      scheduledFor: field.time(dataSubjectRequests.scheduledFor),
      completedAt: field.time(dataSubjectRequests.completedAt),
      updatedAt: field.time(dataSubjectRequests.updatedAt),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:Communication"],
  }),

  dataSubjectRequestEvents: keysetSource({
    table: dataSubjectRequestEvents,
    customerId: dataSubjectRequestEvents.customerId,
    keyset: { time: dataSubjectRequestEvents.occurredAt, id: dataSubjectRequestEvents.id },
    fields: {
      id: field.id(dataSubjectRequestEvents.id),
      requestId: field.id(dataSubjectRequestEvents.requestId),
      occurredAt: field.time(dataSubjectRequestEvents.occurredAt),
      status: field.oneOf(dataSubjectRequestEvents.status),
      note: field.text(dataSubjectRequestEvents.note),
    },
    inventoryCategories: [],
    dpv: ["dpv-pd:Communication"],
  }),
};
