// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/Key.h"
#include "vault/VaultObject.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

/**
 * @file
 * What the key and certificate panes share: the seams for confirmations and
 * file dialogs, name and tag validation, ISO 8601 durations, dates as the
 * locale writes them, and the public key of a JSON Web Key as JWK or PEM.
 */
namespace vl::ui {

/// Asks the person to confirm @p text under @p title; true to go ahead.
using Confirmer = std::function<bool(const QString &title, const QString &text)>;

/// Whether a file chooser opens an existing file or names one to save.
enum class FileMode {
    Open,
    Save,
};

/**
 * Asks for a file: @p mode, the dialog's @p title, a name @p filter
 * ("Certificates (*.cer)") and a @p suggestedName for saving. An empty
 * answer means cancelled.
 */
using FileChooser = std::function<QString(FileMode mode, const QString &title,
                                          const QString &filter, const QString &suggestedName)>;

/// The buttons a confirmation offers.
enum class ConfirmAnswers {
    YesNo,
    YesCancel,
};

/// A confirmer asking with a QMessageBox (Yes and No or Cancel, the latter the default) over
/// @p parent.
[[nodiscard]] Confirmer messageBoxConfirmer(QWidget *parent,
                                            ConfirmAnswers answers = ConfirmAnswers::YesNo);
/// A chooser asking with a QFileDialog over @p parent.
[[nodiscard]] FileChooser fileDialogChooser(QWidget *parent);

class DetailsText
{
    Q_DECLARE_TR_FUNCTIONS(vl::ui::DetailsText)

public:
    /// Why @p name cannot name a secret, key or certificate (1-127 of 0-9, a-z, A-Z, -);
    /// empty when it can.
    [[nodiscard]] static QString nameProblem(const QString &name);

    /// Tags as edited: `key=value; key2=value2`. nullopt, with @p problem set, when malformed
    /// (no '=', an empty or duplicate key, more than 15 tags, a key over 512 or value over 256
    /// characters).
    [[nodiscard]] static std::optional<vault::Tags> parseTags(const QString &text,
                                                              QString *problem = nullptr);
    /// @p tags as parseTags() reads them.
    [[nodiscard]] static QString formatTags(const vault::Tags &tags);

    /// @p seconds (Unix) as the locale writes a date and time, or "—" when absent.
    [[nodiscard]] static QString dateTime(std::optional<qint64> seconds);

    /// What deleting an object with @p attributes does, in a sentence; @p what names it
    /// ("The key “app”").
    [[nodiscard]] static QString deleteConsequence(const QString &what,
                                                   const vault::ObjectAttributes &attributes);
    /// The recovery level in plain words, with the retention days.
    [[nodiscard]] static QString recoveryLevel(const vault::ObjectAttributes &attributes);
};

/**
 * @brief An ISO 8601 duration as Key Vault rotation policies use them
 * (`P90D`, `P1Y6M`, `P2W`, `PT12H`).
 */
namespace duration {
/// Its length in seconds (a year counted as 365 days, a month as 30), or nullopt when
/// @p text is not a duration or is zero.
[[nodiscard]] std::optional<qint64> seconds(const QString &text);
} // namespace duration

/// The public key of a JSON Web Key in portable forms.
namespace publickey {
/// The public JWK as compact JSON (kty without -HSM, n and e, or crv, x and y; and kid).
[[nodiscard]] QString jwkJson(const vault::JsonWebKey &jwk);
/// The JWK's public parameters, one per line (`n: …`), for display.
[[nodiscard]] QString parameterText(const vault::JsonWebKey &jwk);
/// DER of the SubjectPublicKeyInfo of an RSA or EC (P-256, P-384, P-521, P-256K) key;
/// empty when it cannot be built.
[[nodiscard]] QByteArray subjectPublicKeyInfo(const vault::JsonWebKey &jwk);
/// @p der wrapped in PEM armour with @p label (64 characters a line).
[[nodiscard]] QString pem(const QByteArray &der, QLatin1StringView label);
} // namespace publickey

} // namespace vl::ui
