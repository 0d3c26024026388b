export * from "./auth";
export * from "./customers";
export * from "./purposes";
export * from "./consent";
export * from "./data-inventory";
export * from "./requests";
export * from "./audit";
export * from "./analytics";
