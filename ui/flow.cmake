# SPDX-License-Identifier: GPL-3.0-or-later
# The flow inspector dock and the guided tour of the sandbox.
target_sources(vaultlens_ui PRIVATE
    flow/FlowInspector.h flow/FlowInspector.cpp
    flow/GuidedTour.h flow/GuidedTour.cpp
)
