# SPDX-License-Identifier: GPL-3.0-or-later
target_sources(vaultlens_ui PRIVATE
    flow/FlowDiagram.h flow/FlowDiagram.cpp
    flow/FlowDiagramLayout.h flow/FlowDiagramLayout.cpp
    flow/TokenPanel.h flow/TokenPanel.cpp
)
