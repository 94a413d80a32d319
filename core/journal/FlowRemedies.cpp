// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Ipv4.h"
#include "journal/FlowExplainer.h"
#include "journal/FlowFacts.h"
#include "journal/RoleSuggestion.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl::flow {
namespace {

QString addressOf(const Facts &f)
{
    if (!f.error.clientAddress.isEmpty())
        return f.error.clientAddress;
    static const QRegularExpression addr(u"addr=([^;]+)"_s);
    const auto m = addr.match(QString::fromLatin1(f.networkInfo));
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

QString principalOf(const Facts &f)
{
    return f.error.callerObjectId.isEmpty() ? claim(f, "oid"_L1) : f.error.callerObjectId;
}

/// The vault-level scope of a Key Vault resource id (…/vaults/{name}), else @p resource.
QString vaultScope(const QString &resource)
{
    static const QRegularExpression vault(u"^(.*/providers/microsoft\\.keyvault/vaults/[^/]+)"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    const auto m = vault.match(resource);
    return m.hasMatch() ? m.captured(1) : resource;
}

} // namespace

Remedy addClientAddress(const Facts &f)
{
    Remedy r;
    r.kind = Remedy::Kind::AddClientAddress;
    r.address = addressOf(f);
    r.vault = f.error.vaultName;
    if (r.address.isEmpty())
        r.text = FlowExplainer::tr(
            "Add your client address to the vault's firewall, or reach the vault from a "
            "network it allows");
    else if (r.vault.isEmpty())
        r.text = FlowExplainer::tr(
                     "Add %1 to the vault's firewall, or reach the vault from a network it allows")
                     .arg(r.address);
    else
        r.text =
            FlowExplainer::tr(
                "Add %1 to the firewall of vault %2, or reach the vault from a network it allows")
                .arg(r.address, r.vault);
    return r;
}

Remedy publicAccess(const Facts &f)
{
    Remedy r;
    r.vault = f.error.vaultName;
    const QString vault = r.vault.isEmpty() ? FlowExplainer::tr("the vault") : r.vault;
    // Arriving from a private address means a private path (a private endpoint)
    // that the vault has not approved.
    const auto address = access::Ipv4Range::parseAddress(addressOf(f));
    const bool privatePath = address
                             && access::nonPublicReason(access::Ipv4Range{*address, 32})
                                    == access::NonPublicReason::Private;
    if (privatePath) {
        r.kind = Remedy::Kind::UsePrivateEndpoint;
        r.text =
            FlowExplainer::tr(
                "Approve this private endpoint's connection to %1, or connect through one that "
                "is approved")
                .arg(vault);
    } else {
        r.kind = Remedy::Kind::EnablePublicAccess;
        r.text = FlowExplainer::tr(
                     "Enable public network access on %1 (from selected networks), or connect "
                     "through an approved private endpoint")
                     .arg(vault);
    }
    return r;
}

Remedy grantPermission(const Facts &f)
{
    Remedy r;
    r.kind = Remedy::Kind::GrantAccessPolicyPermission;
    r.principalId = principalOf(f);
    r.permission = f.error.missingPermission;
    r.vault = f.error.vaultName;
    r.text =
        FlowExplainer::tr("Grant object id %1 the permission %2 in the access policies of vault %3")
            .arg(r.principalId.isEmpty() ? FlowExplainer::tr("of the caller") : r.principalId,
                 r.permission.isEmpty() ? FlowExplainer::tr("it lacks") : r.permission,
                 r.vault.isEmpty() ? FlowExplainer::tr("(this vault)") : r.vault);
    return r;
}

Remedy assignRole(const Facts &f, const access::RoleCatalogue &catalogue, bool dataAction)
{
    Remedy r;
    r.kind = Remedy::Kind::AssignRole;
    r.principalId = principalOf(f);
    r.action = f.error.action;
    r.scope = dataAction ? vaultScope(f.error.scope) : f.error.scope;
    r.vault = f.error.vaultName;
    if (const arm::RoleDefinition *role = leastPrivilegedRole(catalogue, r.action, dataAction)) {
        r.roleName = role->roleName;
        r.roleDefinitionId =
            role->name.isEmpty() ? arm::RoleDefinition::guidFromId(role->id) : role->name;
    }
    const QString who = r.principalId.isEmpty() ? FlowExplainer::tr("the caller") : r.principalId;
    const QString where = r.scope.isEmpty() ? FlowExplainer::tr("the resource") : r.scope;
    if (!r.roleName.isEmpty())
        r.text =
            FlowExplainer::tr(
                "Assign %1 the role %2 at %3: the least privileged built-in role that allows %4")
                .arg(who, r.roleName, where, r.action);
    else
        r.text =
            FlowExplainer::tr("Assign %1 a role that allows %2 at %3").arg(who, r.action, where);
    return r;
}

Remedy signInToTenant(const QString &tenantId, bool vault)
{
    Remedy r;
    r.kind = Remedy::Kind::SignInToTenant;
    r.tenantId = tenantId;
    r.text =
        vault ? FlowExplainer::tr("Get the token from tenant %1, the vault's tenant").arg(tenantId)
              : FlowExplainer::tr("Get the token from tenant %1, the subscription's tenant")
                    .arg(tenantId);
    return r;
}

Remedy signInAgain(const QString &why)
{
    Remedy r;
    r.kind = Remedy::Kind::SignInAgain;
    r.text = why.isEmpty() ? FlowExplainer::tr("Sign in again to get a fresh token")
                           : FlowExplainer::tr("Sign in again to get a fresh token (%1)").arg(why);
    return r;
}

Remedy tokenRequestRemedy(const AzureError &error, const QString &tenant)
{
    const QString code = error.code.toLower();
    const int aadsts = QStringView(error.innerCode).mid(6).toInt();
    static const QList<int> signInAgainCodes{50076, 50079, 50072, 50173, 700082, 70008,
                                             70043, 54005, 50058, 65001, 50132,  50133};
    if (code == "interaction_required"_L1 || code == "login_required"_L1
        || code == "consent_required"_L1 || code == "expired_token"_L1
        || signInAgainCodes.contains(aadsts))
        return signInAgain(FlowExplainer::tr("the sign-in needs your interaction or has expired"));
    Remedy r;
    switch (aadsts) {
    case 7000215:
        r.text = FlowExplainer::tr(
            "The client secret is wrong or expired: use the secret's value, not its id");
        break;
    case 700016:
        r.text = FlowExplainer::tr(
            "The application id is not known in this tenant: check the tenant and the app "
            "registration");
        break;
    case 50020:
    case 50034:
    case 51004:
        if (!tenant.isEmpty()) {
            // A tenant named in the request (as a vault's challenge names it): sign in there
            // with an account it has, or one invited into it as a guest.
            r.kind = Remedy::Kind::SignInToTenant;
            r.tenantId = tenant;
            r.text = FlowExplainer::tr("The account is not in tenant %1: sign in to it with an "
                                       "account of that tenant or a guest invited into it")
                         .arg(tenant);
            break;
        }
        r.text = FlowExplainer::tr(
            "The account is not in this tenant: sign in to a tenant it belongs to");
        break;
    case 90002:
        r.text = FlowExplainer::tr(
            "The tenant was not found: check the tenant id or domain and the cloud");
        break;
    case 53003:
        r.text = FlowExplainer::tr(
            "Conditional Access blocked the sign-in: ask the tenant's administrators");
        break;
    case 500011:
        r.text =
            FlowExplainer::tr("The resource is not registered in this tenant: check the scope");
        break;
    default:
        if (code == "invalid_grant"_L1)
            return signInAgain(FlowExplainer::tr("the grant is no longer valid"));
        break;
    }
    return r;
}

} // namespace vl::flow
