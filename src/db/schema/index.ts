// All tables, for Drizzle's relational queries and drizzle-kit.
export * from "./platform.js";
export * from "./inclusion.js";
export * from "./schools.js";
export * from "./connectivity.js";
export * from "./observatory.js";
export * from "./network.js";
