// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers of the fidelity tests: the sandbox's config, credentials pointed at
// it the way PROTOCOL.md §9 says clients must be, and raw HTTPS helpers.
import { readFileSync, mkdtempSync, copyFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientSecretCredential } from "@azure/identity";

export const config = JSON.parse(readFileSync(process.env.SANDBOX_CONFIG, "utf8"));
export const tenantId = config.tenants[0].id;
export const automation = config.servicePrincipals[0];
export const narrow = config.servicePrincipals[1];
export const vault = (name) => config.vaults.find((v) => v.name === name);
export const credentialOptions = { authorityHost: config.authorityHost, disableInstanceDiscovery: true };
export const clientOptions = { disableChallengeResourceVerification: true };

export function automationCredential() {
  return new ClientSecretCredential(tenantId, automation.appId, automation.clientSecret, credentialOptions);
}

/** A TokenCredential that always returns the given token (for tampered or foreign tokens). */
export function fixedCredential(token) {
  return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) };
}

/** Signs in a user on the device-login page, as a person would in a browser. */
export async function approveDeviceCode(userCode, upn) {
  const body = new URLSearchParams({ user_code: userCode, account: upn });
  const response = await fetch(`${config.browserOrigin}/devicelogin`, { method: "POST", body });
  const text = await response.text();
  if (!response.ok) throw new Error(`device login failed: ${response.status} ${text}`);
  return text;
}

/**
 * Starts a second sandbox that shares the first one's CA (so this Node.js process
 * trusts it) with extra options, e.g. another client address. Returns its config and a stop().
 */
export async function startSandbox(extraArgs) {
  const dir = mkdtempSync(join(tmpdir(), "vaultlens-fidelity-"));
  for (const f of ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem"])
    copyFileSync(join(process.env.SANDBOX_STATE, f), join(dir, f));
  const child = spawn(process.env.SANDBOX_BINARY, ["--seed", "demo", "--state", dir, "--print-config", ...extraArgs]);
  const line = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolve(out.split("\n")[0]);
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { config: JSON.parse(line), stop: () => child.kill() };
}

/** Decodes a JWT's claims without verifying it. */
export function claims(token) {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}
