// One catalogue per locale, merged from one file per area (so that areas can grow
// without touching each other). Every file's top-level keys are its namespaces.
import enAccess from "./en/access.json";
import enCore from "./en/core.json";
import enData from "./en/data.json";
import enDevices from "./en/devices.json";
import enProfile from "./en/profile.json";
import enReceipts from "./en/receipts.json";
import nbAccess from "./nb/access.json";
import nbCore from "./nb/core.json";
import nbData from "./nb/data.json";
import nbDevices from "./nb/devices.json";
import nbProfile from "./nb/profile.json";
import nbReceipts from "./nb/receipts.json";

export const en = { ...enCore, ...enData, ...enProfile, ...enDevices, ...enAccess, ...enReceipts };
export const nb = { ...nbCore, ...nbData, ...nbProfile, ...nbDevices, ...nbAccess, ...nbReceipts };
export type Messages = typeof en;
export const catalogues = { nb, en } as const;
