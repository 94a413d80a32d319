// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretEditorDialog.h"

#include "secrets/TagEditor.h"
#include "widgets/ErrorBanner.h"
#include "widgets/FormSupport.h"
#include "widgets/OptionalDateTimeEdit.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaMethod>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {

/// A red that reads on both light and dark palettes.
QColor errorTint(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x8a, 0x80)
                                                             : QColor(0xb3, 0x26, 0x1e);
}

} // namespace

SecretEditorDialog::SecretEditorDialog(Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_banner(new ErrorBanner(this))
    , m_name(new QLineEdit(this))
    , m_nameError(errorLabel(u"nameError"_s))
    , m_valueStack(new QStackedWidget(this))
    , m_valueMasked(new QLineEdit(this))
    , m_valueText(new QPlainTextEdit(this))
    , m_showValue(new QCheckBox(tr("Sho&w value"), this))
    , m_loadValue(new QPushButton(tr("&Load from file…"), this))
    , m_valueError(errorLabel(u"valueError"_s))
    , m_contentType(new QLineEdit(this))
    , m_contentTypeError(errorLabel(u"contentTypeError"_s))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_activation(new OptionalDateTimeEdit(u"activation"_s, tr("Activation date"), this))
    , m_expiry(new OptionalDateTimeEdit(u"expiry"_s, tr("Expiry date"), this))
    , m_datesError(errorLabel(u"datesError"_s))
    , m_tags(new TagEditor(u"tags"_s, this))
    , m_tagsError(errorLabel(u"tagsError"_s))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"secretEditorDialog"_s);
    setWindowTitle(mode == Mode::NewSecret ? tr("New secret") : tr("New version"));
    m_banner->setObjectName(u"editorErrorBanner"_s);

    m_name->setObjectName(u"secretName"_s);
    m_name->setAccessibleName(tr("Secret name"));
    m_name->setPlaceholderText(tr("Letters, digits and hyphens"));
    m_name->setMaxLength(1000);
    m_name->setReadOnly(mode == Mode::NewVersion);

    m_valueMasked->setObjectName(u"secretValueMasked"_s);
    m_valueMasked->setAccessibleName(tr("Secret value (hidden)"));
    m_valueMasked->setEchoMode(QLineEdit::Password);
    m_valueMasked->setMaxLength(10 * 1024 * 1024);
    m_valueText->setObjectName(u"secretValue"_s);
    m_valueText->setAccessibleName(tr("Secret value"));
    m_valueText->setTabChangesFocus(true);
    m_valueText->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_valueStack->addWidget(m_valueMasked);
    m_valueStack->addWidget(m_valueText);
    m_tags->table()->setMaximumHeight(160);
    m_showValue->setObjectName(u"showValue"_s);
    m_showValue->setAccessibleName(tr("Show value"));
    m_loadValue->setObjectName(u"loadValue"_s);
    m_loadValue->setAccessibleName(tr("Load the value from a file"));
    m_loadValue->setAutoDefault(false);

    m_contentType->setObjectName(u"contentType"_s);
    m_contentType->setAccessibleName(tr("Content type"));
    m_contentType->setPlaceholderText(tr("e.g. text/plain, application/json"));
    m_enabled->setObjectName(u"secretEnabled"_s);
    m_enabled->setAccessibleName(tr("Enabled"));
    m_enabled->setChecked(true);

    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(m_showValue);
    valueRow->addStretch(1);
    valueRow->addWidget(m_loadValue);
    auto *valueBox = new QVBoxLayout;
    valueBox->addWidget(m_valueStack);
    valueBox->addLayout(valueRow);
    valueBox->addWidget(m_valueError);

    auto *fields = new QFormLayout;
    form::addValidatedRow(fields, this, tr("&Name:"), m_name, m_nameError);
    form::addRow(fields, this, tr("&Value:"), m_valueMasked, valueBox);
    form::addValidatedRow(fields, this, tr("Content &type:"), m_contentType, m_contentTypeError);
    fields->addRow(QString(), m_enabled);
    form::addRow(fields, this, tr("&Activation:"), m_activation);
    form::addRow(fields, this, tr("E&xpiry:"), m_expiry);
    fields->addRow(QString(), m_datesError);
    form::addValidatedRow(fields, this, tr("Ta&gs:"), m_tags, m_tagsError);

    form::setUpButtons(this, m_buttons,
                       mode == Mode::NewSecret ? tr("&Create") : tr("&Add version"),
                       tr("Save the secret"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(fields);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, [this] {
        m_nameTouched = true;
        validate();
    });
    connect(m_valueMasked, &QLineEdit::textEdited, this, [this](const QString &text) {
        const QSignalBlocker block(m_valueText);
        m_valueText->setPlainText(text);
        m_valueTouched = true;
        validate();
    });
    connect(m_valueText, &QPlainTextEdit::textChanged, this, [this] {
        m_valueTouched = true;
        validate();
    });
    connect(m_showValue, &QCheckBox::toggled, this, [this](bool shown) {
        setValueShown(shown);
        m_valueStack->currentWidget()->setFocus();
    });
    connect(m_loadValue, &QPushButton::clicked, this, &SecretEditorDialog::loadValueFromFile);
    connect(m_contentType, &QLineEdit::textChanged, this, &SecretEditorDialog::validate);
    connect(m_activation, &OptionalDateTimeEdit::changed, this, &SecretEditorDialog::validate);
    connect(m_expiry, &OptionalDateTimeEdit::changed, this, &SecretEditorDialog::validate);
    connect(m_tags, &TagEditor::changed, this, &SecretEditorDialog::validate);

    setTabOrder(m_name, m_valueMasked);
    setTabOrder(m_valueMasked, m_showValue);
    setTabOrder(m_showValue, m_loadValue);
    setTabOrder(m_loadValue, m_contentType);
    setTabOrder(m_contentType, m_enabled);
    setValueShown(false);
    resize(560, 520);
    validate();
}

void SecretEditorDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void SecretEditorDialog::setContentType(const QString &contentType)
{
    m_contentType->setText(contentType);
}

void SecretEditorDialog::setTags(const vault::Tags &tags)
{
    m_tags->setTags(tags);
    validate();
}

QString SecretEditorDialog::name() const
{
    return m_name->text();
}

QString SecretEditorDialog::value() const
{
    return m_valueText->toPlainText();
}

vault::SecretSetParameters SecretEditorDialog::parameters() const
{
    vault::SecretSetParameters p;
    p.value = value();
    if (!m_contentType->text().isEmpty())
        p.contentType = m_contentType->text();
    vault::ObjectAttributes attributes;
    attributes.enabled = m_enabled->isChecked();
    attributes.notBefore = vault::secondsFromDateTime(m_activation->dateTime());
    attributes.expires = vault::secondsFromDateTime(m_expiry->dateTime());
    p.attributes = attributes;
    const vault::Tags tags = m_tags->tags();
    if (!tags.isEmpty())
        p.tags = tags;
    return p;
}

SecretDraft SecretEditorDialog::draft() const
{
    return SecretDraft{name(),
                       value(),
                       m_contentType->text(),
                       m_activation->dateTime(),
                       m_expiry->dateTime(),
                       m_tags->rows()};
}

SecretValidation::Messages SecretEditorDialog::messages() const
{
    return SecretValidation::check(draft());
}

void SecretEditorDialog::validate()
{
    const auto m = messages();
    auto show = [](QLabel *label, const QString &text) {
        label->setText(text);
        label->setVisible(!text.isEmpty());
    };
    show(m_nameError, m_nameTouched || !name().isEmpty() ? m.name : QString());
    show(m_valueError, m_valueTouched ? m.value : QString());
    show(m_contentTypeError, m.contentType);
    show(m_datesError, m.dates);
    show(m_tagsError, m.tags);
    okButton()->setEnabled(m.ok() && !m_busy);
}

void SecretEditorDialog::setValueShown(bool shown)
{
    if (!shown) {
        const QString text = value();
        m_valueMasked->setText(text);
        // A multi-line value cannot be edited on one masked line.
        m_valueMasked->setReadOnly(text.contains(u'\n'));
        m_valueMasked->setToolTip(m_valueMasked->isReadOnly()
                                      ? tr("A value of several lines: show it to edit it.")
                                      : QString());
    }
    m_valueStack->setCurrentWidget(shown ? static_cast<QWidget *>(m_valueText) : m_valueMasked);
    // One line while masked, a few while shown.
    m_valueStack->setFixedHeight(shown ? m_valueText->fontMetrics().lineSpacing() * 6
                                             + 2 * m_valueText->frameWidth()
                                       : m_valueMasked->sizeHint().height());
}

void SecretEditorDialog::loadValueFromFile()
{
    const QString path = m_chooseFile
                             ? m_chooseFile(tr("Load the secret value"))
                             : QFileDialog::getOpenFileName(
                                 this, tr("Load the secret value"), QString(),
                                 tr("Text files (*.txt *.pem *.json *.key);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_banner->showMessage(tr("%1 cannot be read: %2").arg(path, file.errorString()));
        return;
    }
    // Read a little more than the limit, to say it is too large without reading it all.
    const QByteArray bytes = file.read(SecretValidation::MaxValueBytes * 4 + 1);
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError() || bytes.contains('\0')) {
        m_banner->showMessage(
            tr("%1 is not a text file. Encode binary content as base64 first.").arg(path));
        return;
    }
    m_banner->clear();
    m_valueText->setPlainText(text);
    setValueShown(m_showValue->isChecked());
}

void SecretEditorDialog::showError(const AzureError &error, const QString &action)
{
    setBusy(false);
    m_banner->showError(error, Service::KeyVault, action);
}

void SecretEditorDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_valueStack, m_showValue, m_loadValue, m_contentType,
                                          m_enabled, m_activation, m_expiry, m_tags})
        w->setEnabled(!busy);
    m_name->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
    validate();
}

void SecretEditorDialog::finish()
{
    setBusy(false);
    QDialog::accept();
}

QPushButton *SecretEditorDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void SecretEditorDialog::accept()
{
    validate();
    if (!isValid() || m_busy)
        return;
    if (!isSignalConnected(QMetaMethod::fromSignal(&SecretEditorDialog::submitted))) {
        QDialog::accept();
        return;
    }
    m_banner->clear();
    setBusy(true);
    Q_EMIT submitted();
}

QLabel *SecretEditorDialog::errorLabel(const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, errorTint(palette));
    label->setPalette(palette);
    label->hide();
    return label;
}

} // namespace vl::ui
