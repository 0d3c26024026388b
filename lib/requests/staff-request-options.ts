// The choices of the agent's request forms, without zod or the database, so pages and
// components can import them (see ARCHITECTURE.md, "Page weight").

export const fileableKinds = ["export", "rectification", "erasure", "restriction", "objection"] as const;
export const fileChannels = ["phone", "email", "store"] as const;
export const extensionMonths = ["1", "2"] as const;
export const rectifiableFieldOptions = ["givenName", "familyName", "phone"] as const;
