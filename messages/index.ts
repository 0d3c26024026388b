// One catalogue per locale, merged from one file per area (so that areas can grow
// without touching each other). Every file's top-level keys are its namespaces.
import enAccess from "./en/access.json";
import enApi from "./en/api.json";
import enConsent from "./en/consent.json";
import enCore from "./en/core.json";
import enData from "./en/data.json";
import enDevelopers from "./en/developers.json";
import enErasure from "./en/erasure.json";
import enDevices from "./en/devices.json";
import enExport from "./en/export.json";
import enExportFile from "./en/export-file.json";
import enPreferences from "./en/preferences.json";
import enProfile from "./en/profile.json";
import enReceipts from "./en/receipts.json";
import enRequests from "./en/requests.json";
import enSite from "./en/site.json";
import enStaff from "./en/staff.json";
import enSupportRequests from "./en/support-requests.json";
import enStudio from "./en/studio.json";
import enTransparency from "./en/transparency.json";
import enUnsubscribe from "./en/unsubscribe.json";
import enWebhooks from "./en/webhooks.json";
import nbAccess from "./nb/access.json";
import nbApi from "./nb/api.json";
import nbConsent from "./nb/consent.json";
import nbCore from "./nb/core.json";
import nbData from "./nb/data.json";
import nbDevelopers from "./nb/developers.json";
import nbErasure from "./nb/erasure.json";
import nbDevices from "./nb/devices.json";
import nbExport from "./nb/export.json";
import nbExportFile from "./nb/export-file.json";
import nbPreferences from "./nb/preferences.json";
import nbProfile from "./nb/profile.json";
import nbReceipts from "./nb/receipts.json";
import nbRequests from "./nb/requests.json";
import nbSite from "./nb/site.json";
import nbStaff from "./nb/staff.json";
import nbSupportRequests from "./nb/support-requests.json";
import nbStudio from "./nb/studio.json";
import nbTransparency from "./nb/transparency.json";
import nbUnsubscribe from "./nb/unsubscribe.json";
import nbWebhooks from "./nb/webhooks.json";

export const en = {
  ...enCore,
  ...enConsent,
  ...enData,
  ...enProfile,
  ...enDevices,
  ...enAccess,
  ...enUnsubscribe,
  ...enPreferences,
  ...enReceipts,
  ...enErasure,
  ...enExport,
  ...enExportFile,
  ...enRequests,
  ...enStaff,
  ...enSupportRequests,
  ...enStudio,
  ...enTransparency,
  ...enSite,
  ...enApi,
  ...enWebhooks,
  ...enDevelopers,
};
export const nb = {
  ...nbCore,
  ...nbConsent,
  ...nbData,
  ...nbProfile,
  ...nbDevices,
  ...nbAccess,
  ...nbUnsubscribe,
  ...nbPreferences,
  ...nbReceipts,
  ...nbErasure,
  ...nbExport,
  ...nbExportFile,
  ...nbRequests,
  ...nbStaff,
  ...nbSupportRequests,
  ...nbStudio,
  ...nbTransparency,
  ...nbSite,
  ...nbApi,
  ...nbWebhooks,
  ...nbDevelopers,
};
export type Messages = typeof en;
export const catalogues = { nb, en } as const;
