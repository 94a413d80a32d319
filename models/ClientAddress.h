// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QUrl>

namespace vl {

class RequestJournal;

/// The `addr=` of an `x-ms-keyvault-network-info` header
/// (`conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;`); empty when absent.
[[nodiscard]] QString addressFromNetworkInfo(QByteArrayView header);

/**
 * The address Key Vault saw for this machine, newest answer first: the
 * `x-ms-keyvault-network-info` header of an answer from @p vaultUri's host, or
 * the client address a firewall denial named. With an empty @p vaultUri any
 * vault's answer counts. Empty when no answer carried one.
 */
[[nodiscard]] QString observedClientAddress(const RequestJournal &journal,
                                            const QUrl &vaultUri = {});

} // namespace vl
