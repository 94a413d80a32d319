// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretValidation.h"
#include "http/AzureError.h"
#include "vault/Secret.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace vl::ui {

class ErrorBanner;
class OptionalDateTimeEdit;
class TagEditor;

/**
 * @brief The editor of a new secret, or of a new version of one: name, value
 * (masked unless shown, or loaded from a text file), content type, enabled,
 * activation, expiry and tags, with the service's rules shown under each
 * field as the person types; OK stays disabled until every field is valid.
 *
 * The dialog does not send anything: OK emits submitted() and waits, and the
 * owner sends the secret and then calls finish() on success or showError()
 * on failure (the dialog stays open with the error in place). Without a
 * receiver of submitted(), OK simply accepts.
 */
class SecretEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretEditorDialog)

public:
    enum class Mode {
        NewSecret,  ///< every field editable
        NewVersion, ///< the name is fixed
    };
    /// Asks for a text file to load the value from; an empty answer cancels.
    using FileChooser = std::function<QString(const QString &title)>;

    explicit SecretEditorDialog(Mode mode, QWidget *parent = nullptr);

    [[nodiscard]] Mode mode() const { return m_mode; }
    void setName(const QString &name);
    void setContentType(const QString &contentType);
    void setTags(const vault::Tags &tags);
    /// Replaces the file dialog used by "Load from file…" (tests).
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }

    [[nodiscard]] QString name() const;
    [[nodiscard]] QString value() const;
    /// What setSecret() sends.
    [[nodiscard]] vault::SecretSetParameters parameters() const;
    /// The inline messages for the fields as they are now.
    [[nodiscard]] SecretValidation::Messages messages() const;
    [[nodiscard]] bool isValid() const { return messages().ok(); }

    /// Shows @p error of the service in place and lets the person try again.
    void showError(const AzureError &error, const QString &action);
    /// Disables the fields and OK while the secret is being sent.
    void setBusy(bool busy);
    /// Closes as accepted (the owner's send succeeded).
    void finish();

    [[nodiscard]] QPushButton *okButton() const;
    [[nodiscard]] ErrorBanner *banner() const { return m_banner; }

public Q_SLOTS:
    void accept() override;
    /// Loads the value from a text file chosen with the file chooser.
    void loadValueFromFile();

Q_SIGNALS:
    /// OK was pressed with valid fields; the owner sends and then calls finish() or showError().
    void submitted();

private:
    void validate();
    void setValueShown(bool shown);
    [[nodiscard]] SecretDraft draft() const;
    [[nodiscard]] QLabel *errorLabel(const QString &objectName);

    Mode m_mode;
    ErrorBanner *m_banner;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QStackedWidget *m_valueStack;
    QLineEdit *m_valueMasked;
    QPlainTextEdit *m_valueText;
    QCheckBox *m_showValue;
    QPushButton *m_loadValue;
    QLabel *m_valueError;
    QLineEdit *m_contentType;
    QLabel *m_contentTypeError;
    QCheckBox *m_enabled;
    OptionalDateTimeEdit *m_activation;
    OptionalDateTimeEdit *m_expiry;
    QLabel *m_datesError;
    TagEditor *m_tags;
    QLabel *m_tagsError;
    QDialogButtonBox *m_buttons;
    FileChooser m_chooseFile;
    bool m_nameTouched = false;
    bool m_valueTouched = false;
    bool m_busy = false;
};

} // namespace vl::ui
