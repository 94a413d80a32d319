// SPDX-License-Identifier: GPL-3.0-or-later
// @azure/keyvault-certificates against the sandbox: self-signed create, PEM and PFX import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, X509Certificate } from "node:crypto";
import { CertificateClient } from "@azure/keyvault-certificates";
import { SecretClient } from "@azure/keyvault-secrets";
import { vault, clientOptions, automationCredential } from "./sandbox.mjs";

const uri = () => vault("kv-contoso-dev").vaultUri;
const certificates = () => new CertificateClient(uri(), automationCredential(), clientOptions);
const secrets = () => new SecretClient(uri(), automationCredential(), clientOptions);
const fast = { intervalInMs: 50 };

function makeCertificate(subject) {
  const dir = mkdtempSync(join(tmpdir(), "vaultlens-cert-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "30", "-subj", `/CN=${subject}`], { stdio: "ignore" });
  execFileSync("openssl", ["pkcs12", "-export", "-inkey", join(dir, "key.pem"), "-in", join(dir, "cert.pem"), "-out", join(dir, "cert.pfx"), "-passout", "pass:fidelity"], { stdio: "ignore" });
  return {
    pem: readFileSync(join(dir, "key.pem"), "utf8") + readFileSync(join(dir, "cert.pem"), "utf8"),
    pfx: readFileSync(join(dir, "cert.pfx")),
    der: new X509Certificate(readFileSync(join(dir, "cert.pem"))).raw,
  };
}

test("create a self-signed certificate through the pending operation", async () => {
  const client = certificates();
  const poller = await client.beginCreateCertificate(
    "fidelity-self-signed",
    { issuerName: "Self", subject: "CN=fidelity.contoso.example", validityInMonths: 12 },
    fast
  );
  const certificate = await poller.pollUntilDone();
  assert.ok(certificate.cer && certificate.cer.length > 300);
  const x509 = new X509Certificate(Buffer.from(certificate.cer));
  assert.match(x509.subject, /CN=fidelity\.contoso\.example/);
  const thumbprint = createHash("sha1").update(Buffer.from(certificate.cer)).digest();
  assert.deepEqual(Buffer.from(certificate.properties.x509Thumbprint), thumbprint);
  assert.ok(certificate.keyId.includes("/keys/fidelity-self-signed/"));
  assert.ok(certificate.secretId.includes("/secrets/fidelity-self-signed/"));
  const policy = await client.getCertificatePolicy("fidelity-self-signed");
  assert.equal(policy.issuerName, "Self");
  // The backing secret holds the certificate with its private key.
  const secret = await secrets().getSecret("fidelity-self-signed");
  assert.equal(secret.properties.managed, true);
  assert.ok(secret.value.length > 1000);
});

test("import a PEM certificate (recognised by content)", async () => {
  const made = makeCertificate("pem.contoso.example");
  const imported = await certificates().importCertificate("fidelity-pem", Buffer.from(made.pem));
  assert.deepEqual(Buffer.from(imported.cer), made.der);
  const secret = await secrets().getSecret("fidelity-pem");
  assert.match(secret.value, /-----BEGIN PRIVATE KEY-----/);
});

test("import a PFX certificate with a password; a wrong password is refused", async () => {
  const made = makeCertificate("pfx.contoso.example");
  const imported = await certificates().importCertificate("fidelity-pfx", made.pfx, { password: "fidelity" });
  assert.deepEqual(Buffer.from(imported.cer), made.der);
  await assert.rejects(
    certificates().importCertificate("fidelity-pfx-wrong", made.pfx, { password: "wrong" }),
    (e) => e.statusCode === 400
  );
});

test("list, update and delete certificates", async () => {
  const client = certificates();
  const names = [];
  for await (const p of client.listPropertiesOfCertificates()) names.push(p.name);
  assert.ok(names.includes("fidelity-pem"));
  const updated = await client.updateCertificateProperties("fidelity-pem", "", { tags: { env: "test" } });
  assert.deepEqual(updated.properties.tags, { env: "test" });
  await (await client.beginDeleteCertificate("fidelity-pem", fast)).pollUntilDone();
  await assert.rejects(client.getCertificate("fidelity-pem"), (e) => e.statusCode === 404);
});
