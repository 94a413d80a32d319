// SPDX-License-Identifier: GPL-3.0-or-later
#include "identity/SignInPages.h"

using namespace Qt::StringLiterals;

namespace vl::sandbox::SignInPages {
namespace {

QString page(const QString &title, const QString &body)
{
    return u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           u"<title>"_s
           + title.toHtmlEscaped()
           + u" - VaultLens sandbox</title><style>"
             u"body{font-family:'Segoe UI',system-ui,sans-serif;background:#f3f2f1;margin:0}"
             u"main{max-width:440px;margin:48px auto;background:#fff;padding:36px 44px;"
             u"box-shadow:0 2px 6px rgba(0,0,0,.2)}"
             u"h1{font-size:24px;font-weight:600;margin:0 0 16px}"
             u".brand{color:#605e5c;font-size:13px;margin-bottom:20px}"
             u"button.account{display:block;width:100%;text-align:left;background:#fff;"
             u"border:1px solid #c8c6c4;padding:12px;margin:8px 0;cursor:pointer;font-size:15px}"
             u"button.account:hover,button.account:focus{background:#edebe9}"
             u".meta{color:#605e5c;font-size:13px}.problem{color:#a4262c}"
             u"input{font-size:16px;padding:8px;width:60%;letter-spacing:2px}"
             u"button.secondary{background:none;border:none;color:#0067b8;cursor:pointer;padding:"
             u"8px 0}"
             u"</style></head><body><main><div class=\"brand\">VaultLens sandbox cloud</div>"_s
           + body + u"</main></body></html>\n"_s;
}

QString accountButtons(const SandboxState &state, const Tenant *tenant)
{
    QString out;
    for (const Principal &p : state.directory.principals) {
        if (!p.isUser() || p.deleted)
            continue;
        if (tenant && !state.directory.canSignIn(p, tenant->id))
            continue;
        const bool guest = tenant && p.tenantId.compare(tenant->id, Qt::CaseInsensitive) != 0;
        out += u"<button class=\"account\" type=\"submit\" name=\"account\" value=\""_s
               + p.userPrincipalName.toHtmlEscaped() + u"\"><strong>"_s
               + p.displayName.toHtmlEscaped() + u"</strong><br><span class=\"meta\">"_s
               + p.userPrincipalName.toHtmlEscaped()
               + (p.jobTitle.isEmpty() ? QString() : u" &middot; "_s + p.jobTitle.toHtmlEscaped())
               + (guest ? u" &middot; guest"_s : QString()) + u"</span></button>\n"_s;
    }
    return out;
}

} // namespace

QByteArray accountPicker(const SandboxState &state, const Tenant *tenant,
                         const Application *application)
{
    const QString appName = application ? application->displayName : QString();
    const QString where = tenant ? tenant->displayName : u"any tenant"_s;
    return page(
               u"Sign in"_s,
               u"<h1>Pick an account</h1><p class=\"meta\">to continue to "_s
                   + appName.toHtmlEscaped() + u" (" + where.toHtmlEscaped()
                   + u")</p><form method=\"post\">"_s + accountButtons(state, tenant)
                   + u"<button class=\"secondary\" type=\"submit\" name=\"cancel\" value=\"1\">Cancel</button></form>"_s)
        .toUtf8();
}

QByteArray deviceLogin(const SandboxState &state, const QString &problem)
{
    return page(
               u"Enter code"_s,
               u"<h1>Enter code</h1><p class=\"meta\">Enter the code displayed on your app or device, then pick the account to sign in with.</p>"_s
                   + (problem.isEmpty() ? QString()
                                        : u"<p class=\"problem\" role=\"alert\">"_s
                                              + problem.toHtmlEscaped() + u"</p>"_s)
                   + u"<form method=\"post\" action=\"/devicelogin\"><label "
                     u"for=\"code\">Code</label><br>"
                     u"<input id=\"code\" name=\"user_code\" autocomplete=\"off\" required autofocus><br>"_s
                   + accountButtons(state, nullptr) + u"</form>"_s)
        .toUtf8();
}

QByteArray message(const QString &title, const QString &text)
{
    return page(title, u"<h1>"_s + title.toHtmlEscaped() + u"</h1><p>"_s + text.toHtmlEscaped()
                           + u"</p>"_s)
        .toUtf8();
}

QByteArray home(const SandboxState &state)
{
    QString tenants;
    for (const Tenant &t : state.directory.tenants)
        tenants += u"<li>"_s + t.displayName.toHtmlEscaped() + u" ("_s + t.domain.toHtmlEscaped()
                   + u")</li>"_s;
    return page(u"Sandbox"_s, u"<h1>VaultLens sandbox cloud</h1><p>Tenants:</p><ul>"_s + tenants
                                  + u"</ul><p><a href=\"/devicelogin\">Device login</a></p>"_s)
        .toUtf8();
}

} // namespace vl::sandbox::SignInPages
