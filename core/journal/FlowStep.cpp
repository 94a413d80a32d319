// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/FlowStep.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

/// The translation context of the stage names.
struct FlowStepText
{
    Q_DECLARE_TR_FUNCTIONS(vl::FlowStep)
};

} // namespace

const FlowStep *FlowExplanation::step(FlowStage stage) const
{
    for (const FlowStep &s : steps)
        if (s.stage == stage)
            return &s;
    return nullptr;
}

const FlowStep *FlowExplanation::failedStep() const
{
    for (const FlowStep &s : steps)
        if (s.outcome == FlowOutcome::Failed)
            return &s;
    return nullptr;
}

Remedy FlowExplanation::remedy() const
{
    const FlowStep *failed = failedStep();
    return failed ? failed->remedy : Remedy{};
}

FlowOutcome FlowExplanation::outcome(FlowStage stage) const
{
    const FlowStep *s = step(stage);
    return s ? s->outcome : FlowOutcome::Unknown;
}

QList<FlowStage> flowStages(Service service)
{
    switch (service) {
    case Service::KeyVault:
        return {FlowStage::Token,    FlowStage::Challenge,       FlowStage::Call,
                FlowStage::Firewall, FlowStage::TokenValidation, FlowStage::Authorization,
                FlowStage::Operation};
    case Service::ResourceManager:
        return {FlowStage::Token, FlowStage::ResourceManager, FlowStage::Authorization,
                FlowStage::Operation};
    case Service::Graph:
        return {FlowStage::Token, FlowStage::Graph, FlowStage::Authorization, FlowStage::Operation};
    case Service::EntraId:
    case Service::ManagedIdentity:
        return {FlowStage::TokenRequest, FlowStage::Operation};
    case Service::Other:
        break;
    }
    return {FlowStage::Call, FlowStage::Operation};
}

QString flowStageName(FlowStage stage)
{
    switch (stage) {
    case FlowStage::Token:
        return FlowStepText::tr("Token");
    case FlowStage::Challenge:
        return FlowStepText::tr("Challenge");
    case FlowStage::Call:
        return FlowStepText::tr("Call");
    case FlowStage::Firewall:
        return FlowStepText::tr("Firewall");
    case FlowStage::TokenValidation:
        return FlowStepText::tr("Token validation");
    case FlowStage::Authorization:
        return FlowStepText::tr("Authorization");
    case FlowStage::Operation:
        return FlowStepText::tr("Operation");
    case FlowStage::ResourceManager:
        return FlowStepText::tr("Resource Manager");
    case FlowStage::Graph:
        return FlowStepText::tr("Microsoft Graph");
    case FlowStage::TokenRequest:
        return FlowStepText::tr("Token request");
    }
    return {};
}

QString flowStageId(FlowStage stage)
{
    switch (stage) {
    case FlowStage::Token:
        return u"token"_s;
    case FlowStage::Challenge:
        return u"challenge"_s;
    case FlowStage::Call:
        return u"call"_s;
    case FlowStage::Firewall:
        return u"firewall"_s;
    case FlowStage::TokenValidation:
        return u"tokenValidation"_s;
    case FlowStage::Authorization:
        return u"authorization"_s;
    case FlowStage::Operation:
        return u"operation"_s;
    case FlowStage::ResourceManager:
        return u"resourceManager"_s;
    case FlowStage::Graph:
        return u"graph"_s;
    case FlowStage::TokenRequest:
        return u"tokenRequest"_s;
    }
    return {};
}

QString remedyKindId(Remedy::Kind kind)
{
    switch (kind) {
    case Remedy::Kind::None:
        return u"none"_s;
    case Remedy::Kind::AddClientAddress:
        return u"addClientAddress"_s;
    case Remedy::Kind::GrantAccessPolicyPermission:
        return u"grantAccessPolicyPermission"_s;
    case Remedy::Kind::AssignRole:
        return u"assignRole"_s;
    case Remedy::Kind::SignInToTenant:
        return u"signInToTenant"_s;
    case Remedy::Kind::SignInAgain:
        return u"signInAgain"_s;
    case Remedy::Kind::EnablePublicAccess:
        return u"enablePublicAccess"_s;
    case Remedy::Kind::UsePrivateEndpoint:
        return u"usePrivateEndpoint"_s;
    }
    return {};
}

} // namespace vl
