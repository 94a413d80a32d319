// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmark's yardstick: how long the official Azure SDK for JavaScript takes
// to list every secret of a vault of the sandbox. Prints one JSON line.
//   SANDBOX_CONFIG=config.json NODE_EXTRA_CA_CERTS=ca.pem node bench-list.mjs <vault>
import { SecretClient } from "@azure/keyvault-secrets";
import { vault, automationCredential, clientOptions } from "./sandbox.mjs";

const name = process.argv[2] ?? "kv-contoso-prod";
const credential = automationCredential();
const client = new SecretClient(vault(name).vaultUri, credential, clientOptions);
// A token first, as the app has one before it opens a vault.
await credential.getToken("https://vault.azure.net/.default");
const started = performance.now();
let count = 0;
for await (const page of client.listPropertiesOfSecrets().byPage()) count += page.length;
const listMs = performance.now() - started;
console.log(JSON.stringify({ sdk: "@azure/keyvault-secrets", count, listMs }));
