// SPDX-License-Identifier: GPL-3.0-or-later
// Certificate contacts and issuers (certificates.json 7.5: Contacts, IssuerBundle,
// CertificateIssuerItem), with the answers and errors of the JS SDK's recorded sessions:
// 404 ContactsNotFound "Contacts not found", 404 CertificateIssuerNotFound "Issuer not
// found", a delete answers with what it deleted, an issuer's password is never shown.
#include "vault/CertificateCommon.h"
#include "vault/Paging.h"
#include "vault/VaultObjects.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

using access::DataOperation;
using CertificateCommon::Ctx;
using VaultObjects::badParameter;

QJsonObject contactsJson(const Ctx &c)
{
    return QJsonObject{{u"id"_s, CertificateCommon::certificateId(c, u"contacts"_s)},
                       {u"contacts"_s, *c.data().certificateContacts}};
}

HttpResponse contactsNotFound()
{
    return vaultError(404, u"ContactsNotFound"_s, u"Contacts not found"_s);
}

HttpResponse getContacts(Ctx &c)
{
    if (!c.data().certificateContacts)
        return contactsNotFound();
    return HttpResponse::json(200, contactsJson(c));
}

HttpResponse setContacts(Ctx &c)
{
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    if (!body->value("contacts"_L1).isArray())
        return badParameter(u"contacts must be an array of contacts (email, name, phone)."_s);
    QJsonArray contacts;
    for (const QJsonValue &v : body->value("contacts"_L1).toArray()) {
        const QJsonObject contact = v.toObject();
        if (!v.isObject() || contact.value("email"_L1).toString().isEmpty())
            return badParameter(u"Every contact needs an email address."_s);
        QJsonObject kept;
        for (const auto member : {"email"_L1, "name"_L1, "phone"_L1})
            if (contact.value(member).isString())
                kept.insert(member, contact.value(member));
        contacts.append(kept);
    }
    c.data().certificateContacts = contacts;
    c.context.persist();
    return HttpResponse::json(200, contactsJson(c));
}

HttpResponse deleteContacts(Ctx &c)
{
    if (!c.data().certificateContacts)
        return contactsNotFound();
    const QJsonObject answer = contactsJson(c);
    c.data().certificateContacts.reset();
    c.context.persist();
    return HttpResponse::json(200, answer);
}

QString issuerName(const Ctx &c)
{
    return c.call.operation.subName;
}

HttpResponse issuerNotFound()
{
    return vaultError(404, u"CertificateIssuerNotFound"_s, u"Issuer not found"_s);
}

/// IssuerBundle as answered: the credentials without their password.
QJsonObject issuerJson(const Ctx &c, const IssuerEntry &issuer)
{
    QJsonObject o = issuer.bundle;
    o.insert("id"_L1, CertificateCommon::certificateId(c, u"issuers"_s, issuer.name));
    if (o.value("credentials"_L1).isObject()) {
        QJsonObject credentials = o.value("credentials"_L1).toObject();
        credentials.remove("pwd"_L1);
        o.insert("credentials"_L1, credentials);
    }
    return o;
}

/// provider, credentials, org_details and attributes.enabled of a set or update body.
std::optional<HttpResponse> applyIssuer(const QJsonObject &body, QJsonObject &bundle, qint64 now)
{
    if (body.contains("provider"_L1)) {
        if (body.value("provider"_L1).toString().isEmpty())
            return badParameter(u"The issuer provider must be a non-empty string."_s);
        bundle.insert("provider"_L1, body.value("provider"_L1));
    }
    if (body.value("credentials"_L1).isObject())
        bundle.insert("credentials"_L1, body.value("credentials"_L1));
    if (body.value("org_details"_L1).isObject()) {
        QJsonObject org = body.value("org_details"_L1).toObject();
        if (!org.contains("zip"_L1))
            org.insert("zip"_L1, 0); // the service adds it (recorded answers)
        bundle.insert("org_details"_L1, org);
    }
    QJsonObject attributes = bundle.value("attributes"_L1).toObject();
    const QJsonObject given = body.value("attributes"_L1).toObject();
    attributes.insert(
        "enabled"_L1,
        given.value("enabled"_L1).toBool(attributes.value("enabled"_L1).toBool(true)));
    if (!attributes.contains("created"_L1))
        attributes.insert("created"_L1, double(now));
    attributes.insert("updated"_L1, double(now));
    bundle.insert("attributes"_L1, attributes);
    if (bundle.value("provider"_L1).toString().isEmpty())
        return badParameter(u"The issuer provider is required."_s);
    return std::nullopt;
}

HttpResponse listIssuers(Ctx &c)
{
    QList<QJsonObject> items;
    for (const IssuerEntry &issuer : c.data().issuers)
        items.append(
            QJsonObject{{u"id"_s, CertificateCommon::certificateId(c, u"issuers"_s, issuer.name)},
                        {u"provider"_s, issuer.bundle.value("provider"_L1)}});
    return listPage(c.call, items);
}

HttpResponse getIssuer(Ctx &c)
{
    const auto it = c.data().issuers.constFind(issuerName(c).toLower());
    if (it == c.data().issuers.constEnd())
        return issuerNotFound();
    return HttpResponse::json(200, issuerJson(c, *it));
}

HttpResponse setIssuer(Ctx &c, bool update)
{
    auto it = c.data().issuers.find(issuerName(c).toLower());
    if (update && it == c.data().issuers.end())
        return issuerNotFound();
    if (auto r = VaultObjects::checkName(issuerName(c)))
        return *r;
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    // PUT replaces the issuer (its creation time kept); PATCH changes what it names.
    QJsonObject bundle;
    if (it != c.data().issuers.end())
        bundle = update
                     ? it->bundle
                     : QJsonObject{
                         {u"attributes"_s,
                          QJsonObject{{u"created"_s, it->bundle[u"attributes"_s][u"created"_s]}}}};
    if (auto r = applyIssuer(*body, bundle, c.now()))
        return *r;
    const IssuerEntry entry{it != c.data().issuers.end() ? it->name : issuerName(c), bundle};
    c.data().issuers.insert(entry.name.toLower(), entry);
    c.context.persist();
    return HttpResponse::json(200, issuerJson(c, entry));
}

HttpResponse deleteIssuer(Ctx &c)
{
    const auto it = c.data().issuers.constFind(issuerName(c).toLower());
    if (it == c.data().issuers.constEnd())
        return issuerNotFound();
    const QJsonObject answer = issuerJson(c, *it);
    c.data().issuers.remove(issuerName(c).toLower());
    c.context.persist();
    return HttpResponse::json(200, answer);
}

} // namespace

std::optional<HttpResponse> CertificateAdmin::run(CertificateCommon::Ctx &c)
{
    switch (c.call.operation.operation) {
    case DataOperation::GetCertificateContacts:
        return getContacts(c);
    case DataOperation::SetCertificateContacts:
        return setContacts(c);
    case DataOperation::DeleteCertificateContacts:
        return deleteContacts(c);
    case DataOperation::ListCertificateIssuers:
        return listIssuers(c);
    case DataOperation::GetCertificateIssuer:
        return getIssuer(c);
    case DataOperation::SetCertificateIssuer:
        return setIssuer(c, false);
    case DataOperation::UpdateCertificateIssuer:
        return setIssuer(c, true);
    case DataOperation::DeleteCertificateIssuer:
        return deleteIssuer(c);
    default:
        return std::nullopt;
    }
}

} // namespace vl::sandbox
