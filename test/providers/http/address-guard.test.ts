import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { BlockedAddressError, createGuardedConnector, guardedLookup, isPrivateAddress } from "../../../providers/http/address-guard.ts";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "198.18.0.1",
    "::", "::1", "fe80::1", "fe80::1%eth0", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1",
    "not-an-ip", "",
  ])("refuses %s", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["93.184.216.34", "1.1.1.1", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.0.3.1", "2606:4700::1111", "::ffff:8.8.8.8", "2a00:1450::200e"])(
    "allows %s",
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("the connect-time guard", () => {
  it("refuses a host name that resolves to loopback", async () => {
    const error = await new Promise((resolve) => guardedLookup("localhost", {}, (failure) => resolve(failure)));
    expect(error).toBeInstanceOf(BlockedAddressError);
  });

  it("refuses private IP literals, which sockets connect to without any lookup", async () => {
    const connect = createGuardedConnector(500);
    for (const hostname of ["127.0.0.1", "[::1]", "[::ffff:7f00:1]", "169.254.169.254"]) {
      const result = await new Promise<[Error | null, Socket | null]>((resolve) =>
        connect({ hostname, protocol: "http:", port: "80" }, (error, socket) => resolve([error, socket as Socket | null])),
      );
      expect(result[0]).toBeInstanceOf(BlockedAddressError);
      expect(result[0]?.message).not.toContain(hostname.replace(/[[\]]/g, ""));
    }
  });
});
