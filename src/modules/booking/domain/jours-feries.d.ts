// Types for @socialgouv/jours-feries 2.0.0, which ships none. It exports one CommonJS function.
declare module "@socialgouv/jours-feries" {
  /** Holidays of `year` keyed by French name, each a Date at local midnight of the server's time zone. */
  function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
  export = getJoursFeries;
}
