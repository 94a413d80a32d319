// SPDX-License-Identifier: GPL-3.0-or-later
// @azure/keyvault-keys against the sandbox: RSA and EC keys, and real cryptography.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createPublicKey, createVerify, publicEncrypt, constants } from "node:crypto";
import { KeyClient, CryptographyClient } from "@azure/keyvault-keys";
import { vault, clientOptions, automationCredential } from "./sandbox.mjs";

const keys = () => new KeyClient(vault("kv-contoso-dev").vaultUri, automationCredential(), clientOptions);
const crypto = (key) => new CryptographyClient(key, automationCredential(), clientOptions);
const fast = { intervalInMs: 50 };

test("create RSA and EC keys, get them, list them", async () => {
  const client = keys();
  const rsa = await client.createRsaKey("fidelity-rsa", { keySize: 2048 });
  assert.equal(rsa.keyType, "RSA");
  assert.ok(rsa.key.n.length >= 256);
  assert.equal(rsa.key.d, undefined, "private parts are never returned");
  const ec = await client.createEcKey("fidelity-ec", { curve: "P-256" });
  assert.equal(ec.keyType, "EC");
  assert.equal(ec.key.crv, "P-256");
  const got = await client.getKey("fidelity-rsa");
  assert.equal(got.id, rsa.id);
  const names = [];
  for await (const p of client.listPropertiesOfKeys()) names.push(p.name);
  assert.ok(names.includes("fidelity-rsa") && names.includes("fidelity-ec"));
  const updated = await client.updateKeyProperties("fidelity-rsa", rsa.properties.version, { tags: { a: "b" } });
  assert.deepEqual(updated.properties.tags, { a: "b" });
});

test("encrypt and decrypt; a ciphertext made outside the vault decrypts too", async () => {
  const key = await keys().createRsaKey("fidelity-crypt", { keySize: 2048 });
  const client = crypto(key);
  const plaintext = Buffer.from("the quick brown fox");
  const encrypted = await client.encrypt({ algorithm: "RSA-OAEP-256", plaintext });
  const decrypted = await client.decrypt({ algorithm: "RSA-OAEP-256", ciphertext: encrypted.result });
  assert.equal(Buffer.from(decrypted.result).toString(), "the quick brown fox");
  const publicKey = createPublicKey({ key: { kty: "RSA", n: Buffer.from(key.key.n).toString("base64url"), e: Buffer.from(key.key.e).toString("base64url") }, format: "jwk" });
  const outside = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, plaintext);
  const inside = await client.decrypt({ algorithm: "RSA-OAEP", ciphertext: outside });
  assert.equal(Buffer.from(inside.result).toString(), "the quick brown fox");
});

test("sign and verify; the signature verifies outside the vault", async () => {
  for (const [create, algorithm, name] of [
    [(c) => c.createRsaKey("fidelity-sign-rsa"), "RS256", "RSA-SHA256"],
    [(c) => c.createEcKey("fidelity-sign-ec", { curve: "P-256" }), "ES256", "SHA256"],
  ]) {
    const key = await create(keys());
    const client = crypto(key);
    const digest = createHash("sha256").update("message").digest();
    const signed = await client.sign(algorithm, digest);
    assert.equal((await client.verify(algorithm, digest, signed.result)).result, true);
    const other = createHash("sha256").update("another message").digest();
    assert.equal((await client.verify(algorithm, other, signed.result)).result, false);
    const jwk = { kty: key.key.kty.replace("-HSM", "") };
    for (const member of ["n", "e", "crv", "x", "y"])
      if (key.key[member]) jwk[member] = typeof key.key[member] === "string" ? key.key[member] : Buffer.from(key.key[member]).toString("base64url");
    const publicKey = createPublicKey({ key: jwk, format: "jwk" });
    const verifier = createVerify(name);
    verifier.update("message");
    const ok = verifier.verify(algorithm.startsWith("ES") ? { key: publicKey, dsaEncoding: "ieee-p1363" } : publicKey, Buffer.from(signed.result));
    assert.equal(ok, true, `${algorithm} signature verifies with Node's crypto`);
  }
});

test("wrap and unwrap a key", async () => {
  const key = await keys().createRsaKey("fidelity-kek");
  const client = crypto(key);
  const secret = Buffer.from("0123456789abcdef0123456789abcdef");
  const wrapped = await client.wrapKey("RSA-OAEP", secret);
  const unwrapped = await client.unwrapKey("RSA-OAEP", wrapped.result);
  assert.deepEqual(Buffer.from(unwrapped.result), secret);
});

test("delete with the poller, recover, rotate", async () => {
  const client = keys();
  await client.createRsaKey("fidelity-delete");
  await (await client.beginDeleteKey("fidelity-delete", fast)).pollUntilDone();
  await assert.rejects(client.getKey("fidelity-delete"), (e) => e.statusCode === 404 && e.code === "KeyNotFound");
  await (await client.beginRecoverDeletedKey("fidelity-delete", fast)).pollUntilDone();
  const before = await client.getKey("fidelity-delete");
  const rotated = await client.rotateKey("fidelity-delete");
  assert.notEqual(rotated.properties.version, before.properties.version);
  assert.equal(rotated.keyType, before.keyType);
});
