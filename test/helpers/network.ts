import { connect } from "node:net";
import os from "node:os";

/** An IPv4 address of this machine that is not loopback, or undefined when it has none. */
export function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address !== undefined && !address.internal && address.family === "IPv4")
    ?.address;
}

/** True when a TCP connection to `host:port` opens, false when it is refused or fails. */
export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
