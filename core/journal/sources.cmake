# SPDX-License-Identifier: GPL-3.0-or-later
# Error parsing, the request journal and the flow explainer.
target_sources(vaultlens_core PRIVATE
    http/AzureError.cpp
    http/AzureErrorEvidence.cpp
    http/AzureErrorParsing.h
    http/AzureErrorText.cpp
    journal/FlowExplainer.h journal/FlowExplainer.cpp
    journal/FlowFacts.h
    journal/FlowRemedies.cpp
    journal/FlowStages.cpp
    journal/FlowStep.h journal/FlowStep.cpp
    journal/Har.h journal/Har.cpp
    journal/Redaction.h journal/Redaction.cpp
    journal/RequestJournal.h journal/RequestJournal.cpp
    journal/RequestRecord.h journal/RequestRecord.cpp
    journal/RequestRecordSerializer.h journal/RequestRecordSerializer.cpp
    journal/RoleSuggestion.h journal/RoleSuggestion.cpp
)
