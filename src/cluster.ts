// `maillage serve --workers N`: N web processes sharing one port (node:cluster), on a PostgreSQL server. The first
// process migrates before the others start; the first worker also runs the background jobs; a worker that dies is
// replaced. Caches and rate limits are kept consistent between them by the database (decision 0019).
import cluster from "node:cluster";
import type { Config } from "./config.js";

/** What the primary process needs: migrate once, then the number of workers. */
export type ClusterOptions = { workers: number; migrate: () => Promise<void>; log?: (message: string) => void };

/** Runs the primary (forks and watches workers) or, in a worker, starts the server. */
export async function serveWithWorkers(config: Config, options: ClusterOptions, startWorkerServer: () => Promise<void>): Promise<void> {
  if (!cluster.isPrimary) return startWorkerServer();
  const log = options.log ?? ((message: string) => console.log(message));
  await options.migrate();
  let stopping = false;
  const fork = (index: number) => {
    // Only the first worker runs the background jobs (MAILLAGE_WORKER): one poller is enough, SKIP LOCKED makes more safe.
    const worker = cluster.fork({ MAILLAGE_CLUSTER_INDEX: String(index), ...(index === 0 && config.worker ? {} : { MAILLAGE_WORKER: "0" }) });
    const started = performance.now();
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      // A worker that dies at once would die again: wait a little before the next one, rather than spin.
      const delay = performance.now() - started < 5_000 ? 5_000 : 0;
      log(`processus ${worker.process.pid} arrêté (${signal ?? `code ${code}`}) : remplacé${delay ? " dans 5 s" : ""}`);
      setTimeout(() => {
        if (!stopping) fork(index);
      }, delay);
    });
  };
  for (let i = 0; i < options.workers; i++) fork(i);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      const check = setInterval(() => {
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          clearInterval(check);
          process.exit(0);
        }
      }, 100);
    });
  }
  log(`Maillage écoute sur ${config.publicUrl} avec ${options.workers} processus`);
}
