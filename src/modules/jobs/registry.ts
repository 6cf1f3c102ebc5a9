// The typed registry of background jobs: each name with its payload schema.
import { z } from "zod";

export const jobPayloads = {
  "mail.send": z.object({ mailId: z.number().int().positive() }),
  "sessions.purge": z.object({}),
  "jobs.purge": z.object({}),
  "import.lieux": z.object({ importId: z.number().int().positive() }),
  "import.schools": z.object({ importId: z.number().int().positive() }),
  "import.observatory": z.object({ importId: z.number().int().positive() }),
  "appointment.reminder": z.object({ appointmentId: z.uuid(), sequence: z.number().int().min(0) }),
  "personal-data.purge": z.object({}),
  "sms.send": z.object({ smsId: z.number().int().positive() }),
  "network.digest": z.object({}),
} as const;

export type JobName = keyof typeof jobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloads)[N]>;

/** Validates a payload against its job's schema (on enqueue and again before running). */
export function parsePayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return jobPayloads[name].parse(payload) as JobPayload<N>;
}

/** True for a name of the registry (a job row may carry a name an older or newer version knew). */
export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobPayloads, name);
}
