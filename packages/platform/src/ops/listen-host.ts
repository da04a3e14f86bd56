import { isIP } from "node:net";
import { z } from "zod";

/** Where the ops servers and the dashboard listen unless configured otherwise: this machine only. */
export const LOOPBACK_HOST = "127.0.0.1";

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * The schema of a listen-address setting (`OPS_HOST`, `DASHBOARD_HOST`): an
 * IP address or a host name of this machine, {@link LOOPBACK_HOST} when unset.
 *
 * @example z.object({ OPS_HOST: listenHostSetting() })
 */
export function listenHostSetting(): z.ZodDefault<z.ZodString> {
  return z
    .string()
    .refine(
      (host) => isIP(host) !== 0 || HOST_NAME.test(host),
      "must be an address of this machine: 127.0.0.1 (this machine only, the default), 0.0.0.0 (every interface) or one interface's IP",
    )
    .default(LOOPBACK_HOST);
}
