# SPDX-License-Identifier: GPL-3.0-or-later
# Microsoft Graph (v1.0): principal types, their JSON mapping, and the client.
target_sources(vaultlens_core PRIVATE
    graph/Principal.h graph/Principal.cpp
    graph/PrincipalSerializer.h graph/PrincipalSerializer.cpp
    graph/GraphQuery.h graph/GraphQuery.cpp
    graph/GraphClient.h graph/GraphClient.cpp
)
