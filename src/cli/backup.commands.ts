// CLI: backup and restore (pg_dump/pg_restore on a server, a data-directory dump on PGlite).
import type { Command } from "commander";

/** `maillage backup|restore` (implemented in a following step). */
export function registerBackupCommands(_program: Command): void {}
