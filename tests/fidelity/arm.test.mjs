// SPDX-License-Identifier: GPL-3.0-or-later
// @azure/arm-keyvault against the sandbox's Resource Manager.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KeyVaultManagementClient } from "@azure/arm-keyvault";
import { config, tenantId, narrow, automationCredential } from "./sandbox.mjs";

const subscription = config.subscriptions[0].subscriptionId;
const prod = config.vaults.find((v) => v.name === "kv-contoso-prod");
const group = prod.id.split("/")[4];
const client = () =>
  new KeyVaultManagementClient(automationCredential(), subscription, {
    endpoint: config.resourceManager.replace(/\/$/, ""),
    credentials: { scopes: ["https://management.azure.com/.default"] },
  });

test("get and list vaults", async () => {
  const vault = await client().vaults.get(group, "kv-contoso-prod");
  assert.equal(vault.id, prod.id);
  assert.equal(vault.properties.vaultUri, prod.vaultUri);
  assert.equal(vault.properties.networkAcls.defaultAction, "Deny");
  const names = [];
  for await (const v of client().vaults.listBySubscription()) names.push(v.name);
  assert.ok(names.includes("kv-contoso-prod") && names.includes("kv-contoso-apps"));
  const inGroup = [];
  for await (const v of client().vaults.listByResourceGroup(group)) inGroup.push(v.name);
  assert.ok(inGroup.includes("kv-contoso-prod"));
});

test("access policy add and remove", async () => {
  const entry = {
    tenantId,
    objectId: narrow.objectId,
    permissions: { secrets: ["get", "list"], keys: ["get"] },
  };
  const added = await client().vaults.updateAccessPolicy(group, "kv-contoso-prod", "add", {
    properties: { accessPolicies: [entry] },
  });
  assert.equal(added.properties.accessPolicies[0].objectId, narrow.objectId);
  let vault = await client().vaults.get(group, "kv-contoso-prod");
  const mine = vault.properties.accessPolicies.find((p) => p.objectId === narrow.objectId);
  assert.deepEqual(mine.permissions.secrets, ["get", "list"]);
  await client().vaults.updateAccessPolicy(group, "kv-contoso-prod", "remove", {
    properties: { accessPolicies: [entry] },
  });
  vault = await client().vaults.get(group, "kv-contoso-prod");
  const after = vault.properties.accessPolicies.find((p) => p.objectId === narrow.objectId);
  assert.ok(!after || (after.permissions.secrets ?? []).length === 0);
});

test("network ACL update through PATCH", async () => {
  const before = await client().vaults.get(group, "kv-contoso-prod");
  const acls = before.properties.networkAcls;
  const updated = await client().vaults.update(group, "kv-contoso-prod", {
    properties: {
      networkAcls: { ...acls, ipRules: [...acls.ipRules, { value: "203.0.113.7" }] },
    },
  });
  const values = updated.properties.networkAcls.ipRules.map((r) => r.value);
  assert.ok(values.includes("203.0.113.7/32"), values.join(","));
  assert.equal(updated.properties.networkAcls.defaultAction, "Deny");
});

test("403 AuthorizationFailed for a caller without the action", async () => {
  const { ClientSecretCredential } = await import("@azure/identity");
  const credential = new ClientSecretCredential(tenantId, narrow.appId, narrow.clientSecret, {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
  });
  const limited = new KeyVaultManagementClient(credential, subscription, {
    endpoint: config.resourceManager.replace(/\/$/, ""),
    credentials: { scopes: ["https://management.azure.com/.default"] },
  });
  await assert.rejects(limited.vaults.get(group, "kv-contoso-prod"), (e) => {
    assert.equal(e.statusCode, 403);
    assert.equal(e.code, "AuthorizationFailed");
    assert.match(e.message, /does not have authorization to perform action 'Microsoft.KeyVault\/vaults\/read'/);
    return true;
  });
});
