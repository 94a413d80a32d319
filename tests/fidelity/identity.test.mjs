// SPDX-License-Identifier: GPL-3.0-or-later
// @azure/identity against the sandbox's Entra ID: client secret, device code, managed identity.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ClientSecretCredential,
  DeviceCodeCredential,
  ManagedIdentityCredential,
} from "@azure/identity";
import {
  config,
  tenantId,
  automation,
  credentialOptions,
  automationCredential,
  approveDeviceCode,
  claims,
} from "./sandbox.mjs";

test("client secret: a Key Vault token with the claims Azure issues", async () => {
  const token = await automationCredential().getToken("https://vault.azure.net/.default");
  const c = claims(token.token);
  assert.equal(c.aud, "https://vault.azure.net");
  assert.equal(c.tid, tenantId);
  assert.equal(c.oid, automation.objectId);
  assert.equal(c.appid, automation.appId);
  assert.equal(c.idtyp, "app");
  assert.equal(c.scp, undefined);
  assert.ok(c.iss.includes(tenantId));
  assert.ok(c.exp >= Date.now() / 1000 + 60);
  assert.ok(token.expiresOnTimestamp > Date.now());
});

test("client secret: a Resource Manager token", async () => {
  const token = await automationCredential().getToken("https://management.azure.com/.default");
  assert.equal(claims(token.token).aud, "https://management.azure.com");
});

test("client secret: a wrong secret is AADSTS7000215", async () => {
  const wrong = new ClientSecretCredential(tenantId, automation.appId, "not-the-secret", credentialOptions);
  await assert.rejects(wrong.getToken("https://vault.azure.net/.default"), (error) => {
    assert.match(error.message, /AADSTS7000215/);
    return true;
  });
});

test("client secret: an unknown client is AADSTS700016", async () => {
  const unknown = new ClientSecretCredential(
    tenantId,
    "00000000-0000-4000-8000-00000000abcd",
    "x",
    credentialOptions
  );
  await assert.rejects(unknown.getToken("https://vault.azure.net/.default"), /AADSTS700016/);
});

test("device code: the user signs in on the device-login page", async () => {
  let approved;
  const credential = new DeviceCodeCredential({
    ...credentialOptions,
    tenantId,
    clientId: config.publicClientId,
    userPromptCallback: (info) => {
      assert.equal(info.verificationUri, `${config.browserOrigin}/devicelogin`);
      assert.match(info.message, new RegExp(info.userCode));
      approved = approveDeviceCode(info.userCode, "alice@contoso.example");
    },
  });
  const token = await credential.getToken("https://vault.azure.net/.default");
  await approved;
  const c = claims(token.token);
  assert.equal(c.upn, "alice@contoso.example");
  assert.equal(c.idtyp, "user");
  assert.ok(c.scp);
  // A second resource comes from the refresh token, without another prompt.
  const arm = await credential.getToken("https://management.azure.com/.default");
  assert.equal(claims(arm.token).aud, "https://management.azure.com");
});

test("managed identity: the IMDS endpoint issues a token for the identity", async () => {
  const identity = config.managedIdentities[0];
  process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST = config.imdsEndpoint;
  try {
    const credential = new ManagedIdentityCredential({ clientId: identity.clientId });
    const token = await credential.getToken("https://vault.azure.net/.default");
    const c = claims(token.token);
    assert.equal(c.oid, identity.objectId);
    assert.equal(c.aud, "https://vault.azure.net");
  } finally {
    delete process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST;
  }
});
