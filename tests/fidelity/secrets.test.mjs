// SPDX-License-Identifier: GPL-3.0-or-later
// @azure/keyvault-secrets against the sandbox's data plane, and the denials the app explains.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SecretClient } from "@azure/keyvault-secrets";
import { ClientSecretCredential } from "@azure/identity";
import {
  tenantId,
  narrow,
  vault,
  credentialOptions,
  clientOptions,
  automationCredential,
  fixedCredential,
  startSandbox,
} from "./sandbox.mjs";

const dev = () => new SecretClient(vault("kv-contoso-dev").vaultUri, automationCredential(), clientOptions);
const fast = { intervalInMs: 50 };

test("set, get, update and list versions", async () => {
  const client = dev();
  const first = await client.setSecret("fidelity-one", "v1", { contentType: "text/plain", tags: { a: "1" } });
  assert.equal(first.value, "v1");
  assert.equal(first.properties.contentType, "text/plain");
  await client.setSecret("fidelity-one", "v2");
  const latest = await client.getSecret("fidelity-one");
  assert.equal(latest.value, "v2");
  const older = await client.getSecret("fidelity-one", { version: first.properties.version });
  assert.equal(older.value, "v1");
  const updated = await client.updateSecretProperties("fidelity-one", latest.properties.version, {
    enabled: true,
    tags: { owner: "fidelity" },
  });
  assert.deepEqual(updated.tags, { owner: "fidelity" });
  const versions = [];
  for await (const p of client.listPropertiesOfSecretVersions("fidelity-one")) versions.push(p.version);
  assert.equal(versions.length, 2);
});

test("list across several pages", async () => {
  const client = dev();
  for (let i = 0; i < 5; i++) await client.setSecret(`fidelity-page-${i}`, `v${i}`);
  let pages = 0;
  const names = [];
  for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 2 })) {
    pages++;
    assert.ok(page.length <= 2);
    for (const p of page) names.push(p.name);
  }
  assert.ok(pages >= 3, `${pages} pages`);
  for (let i = 0; i < 5; i++) assert.ok(names.includes(`fidelity-page-${i}`));
  assert.equal(new Set(names).size, names.length);
});

test("delete, recover, delete again and purge", async () => {
  const client = dev();
  await client.setSecret("fidelity-deleted", "gone soon");
  const deleting = await client.beginDeleteSecret("fidelity-deleted", fast);
  const deleted = await deleting.pollUntilDone();
  assert.ok(deleted.recoveryId.endsWith("/deletedsecrets/fidelity-deleted"));
  await assert.rejects(client.getSecret("fidelity-deleted"), (e) => e.statusCode === 404 && e.code === "SecretNotFound");
  await assert.rejects(client.setSecret("fidelity-deleted", "again"), (e) => e.statusCode === 409);
  const recovering = await client.beginRecoverDeletedSecret("fidelity-deleted", fast);
  await recovering.pollUntilDone();
  assert.equal((await client.getSecret("fidelity-deleted")).value, "gone soon");
  await (await client.beginDeleteSecret("fidelity-deleted", fast)).pollUntilDone();
  await client.purgeDeletedSecret("fidelity-deleted");
  await assert.rejects(client.getDeletedSecret("fidelity-deleted"), (e) => e.statusCode === 404);
});

test("backup and restore", async () => {
  const client = dev();
  await client.setSecret("fidelity-backup", "kept");
  const blob = await client.backupSecret("fidelity-backup");
  await (await client.beginDeleteSecret("fidelity-backup", fast)).pollUntilDone();
  await client.purgeDeletedSecret("fidelity-backup");
  const restored = await client.restoreSecretBackup(blob);
  assert.equal(restored.name, "fidelity-backup");
  assert.equal((await client.getSecret("fidelity-backup")).value, "kept");
});

test("401 for garbage, tampered and wrong-audience tokens", async () => {
  const uri = vault("kv-contoso-dev").vaultUri;
  const good = (await automationCredential().getToken("https://vault.azure.net/.default")).token;
  const [h, p, s] = good.split(".");
  const payload = JSON.parse(Buffer.from(p, "base64url"));
  payload.oid = "00000000-0000-4000-8000-000000000bad";
  const tampered = [h, Buffer.from(JSON.stringify(payload)).toString("base64url"), s].join(".");
  const arm = (await automationCredential().getToken("https://management.azure.com/.default")).token;
  for (const [label, token, message] of [
    ["garbage", "garbage", /not a well-formed JWT/],
    ["tampered", tampered, /AKV10046/],
    ["wrong audience", arm, /AKV10022/],
  ]) {
    const client = new SecretClient(uri, fixedCredential(token), clientOptions);
    await assert.rejects(client.getSecret("anything"), (e) => {
      assert.equal(e.statusCode, 401, label);
      assert.match(e.message, message, label);
      return true;
    });
  }
});

test("403 ForbiddenByPolicy for a caller without the permission", async () => {
  const credential = new ClientSecretCredential(tenantId, narrow.appId, narrow.clientSecret, credentialOptions);
  const client = new SecretClient(vault("kv-contoso-dev").vaultUri, credential, clientOptions);
  await assert.rejects(client.getSecret("dev-database-password"), (e) => {
    assert.equal(e.statusCode, 403);
    assert.equal(e.code, "Forbidden");
    assert.equal(e.details.error.innerError.code, "ForbiddenByPolicy");
    assert.match(e.message, /does not have secrets get permission on key vault 'kv-contoso-dev;location=westeurope'/);
    return true;
  });
});

test("403 ForbiddenByFirewall names the client address", async () => {
  const outside = await startSandbox(["--client-address", "192.0.2.55"]);
  try {
    const spec = outside.config.servicePrincipals[0];
    const credential = new ClientSecretCredential(outside.config.tenants[0].id, spec.appId, spec.clientSecret, {
      authorityHost: outside.config.authorityHost,
      disableInstanceDiscovery: true,
    });
    const uri = outside.config.vaults.find((v) => v.name === "kv-contoso-prod").vaultUri;
    const client = new SecretClient(uri, credential, clientOptions);
    await assert.rejects(client.getSecret("sql-connection-string"), (e) => {
      assert.equal(e.statusCode, 403);
      assert.equal(e.details.error.innerError.code, "ForbiddenByFirewall");
      assert.match(e.message, /Client address: 192\.0\.2\.55/);
      assert.match(e.message, /Vault: kv-contoso-prod;location=westeurope/);
      return true;
    });
  } finally {
    outside.stop();
  }
});
