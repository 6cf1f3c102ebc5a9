// The clock is passed as an argument so that tests can control time.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock frozen at a given instant, advanced by hand (tests). */
export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start.getTime();
  const clock = (() => new Date(now)) as Clock & { advance(ms: number): void; set(d: Date): void };
  clock.advance = (ms: number) => {
    now += ms;
  };
  clock.set = (d: Date) => {
    now = d.getTime();
  };
  return clock;
}
