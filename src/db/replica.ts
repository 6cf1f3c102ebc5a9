// Public reads on a streaming replica (DATABASE_REPLICA_URL), with their staleness bounded: every second the
// replica's replayed position is compared with the primary's write position as it was `maxLagMs` ago; a replica
// that has not replayed that far (or does not answer) is left aside and public reads go to the primary until it
// has caught up (decision 0019). The positions are WAL LSNs, so an idle primary never looks "late".
import pg from "pg";

export type ReplicaStatus = { usingReplica: boolean; behindBytes: bigint | null; checkedAt: number | null };

/** "16/B374D848" → a number of bytes. */
function lsn(text: string): bigint {
  const [high, low] = text.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * A pg.Pool that sends each query or checkout to the replica's pool while it is fresh enough, else to the
 * primary's. Drizzle only sees a pool.
 */
export class ReplicaRoutingPool extends pg.Pool {
  private usingReplica = false;
  private behindBytes: bigint | null = null;
  private checkedAt: number | null = null;
  private readonly samples: { at: number; lsn: bigint }[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly primary: pg.Pool,
    private readonly replica: pg.Pool,
    private readonly writer: pg.Pool,
    private readonly maxLagMs: number,
    checkEveryMs = 1_000,
  ) {
    super({ max: 1 });
    this.timer = setInterval(() => void this.check(), checkEveryMs);
    this.timer.unref();
    void this.check();
  }

  private current(): pg.Pool {
    return this.usingReplica ? this.replica : this.primary;
  }

  override query(...args: unknown[]): never {
    return (this.current().query as (...a: unknown[]) => never)(...args);
  }

  override connect(...args: unknown[]): never {
    return (this.current().connect as (...a: unknown[]) => never)(...args);
  }

  /** Where public reads go now, and how far the replica was behind at the last check. */
  status(): ReplicaStatus {
    return { usingReplica: this.usingReplica, behindBytes: this.behindBytes, checkedAt: this.checkedAt };
  }

  /** Compares positions once (also called by tests to decide at once). */
  async check(): Promise<ReplicaStatus> {
    const at = performance.now();
    try {
      const [written, replayed] = await Promise.all([
        this.writer.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn"),
        this.replica.query<{ lsn: string | null }>("select pg_last_wal_replay_lsn()::text as lsn"),
      ]);
      const primaryNow = lsn(written.rows[0]!.lsn);
      this.samples.push({ at, lsn: primaryNow });
      while (this.samples.length > 1 && this.samples[1]!.at <= at - this.maxLagMs) this.samples.shift();
      // The primary's position `maxLagMs` ago (or the oldest known, at start): the replica must have replayed it.
      const due = this.samples[0]!.at <= at - this.maxLagMs ? this.samples[0]!.lsn : primaryNow;
      const replica = replayed.rows[0]?.lsn ? lsn(replayed.rows[0].lsn) : null;
      this.behindBytes = replica === null ? null : primaryNow > replica ? primaryNow - replica : 0n;
      this.usingReplica = replica !== null && replica >= due;
    } catch {
      this.usingReplica = false;
      this.behindBytes = null;
    }
    this.checkedAt = at;
    return this.status();
  }

  override async end(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.primary.end(), this.replica.end()]);
  }
}
